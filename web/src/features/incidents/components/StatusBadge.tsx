import type { IncidentStatus } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status-pill status-${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
