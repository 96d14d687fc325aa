import { useI18n } from '../../i18n/i18n';
import { useNow } from './useNow';

/**
 * dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh, with the machine-readable instant for screen readers and tooltips, and beside
 * it how long ago (or how soon) that is ("5 phút trước"), kept current while the page stays open.
 */
export function DateTime({ value, relative = true }: { value: string | null | undefined; relative?: boolean }) {
  const { formatDateTime } = useI18n();
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="datetime">
      <time dateTime={value}>{formatDateTime(value)}</time>
      {relative && <RelativeTime value={value} />}
    </span>
  );
}

function RelativeTime({ value }: { value: string }) {
  const { formatRelative } = useI18n();
  const now = useNow();
  return <span className="relative-time"> · {formatRelative(value, now)}</span>;
}
