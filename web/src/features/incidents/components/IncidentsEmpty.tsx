import { useI18n } from '../../../i18n/i18n';

/** An empty list says why: nothing has happened yet, or the filters leave nothing. */
export function IncidentsEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const { t } = useI18n();
  if (!filtered) {
    return (
      <p className="muted" data-testid="incidents-empty" data-reason="none">
        {t('incidents.emptyNone')}
      </p>
    );
  }
  return (
    <p className="muted" data-testid="incidents-empty" data-reason="filtered">
      {t('incidents.empty')}{' '}
      <button type="button" className="link" onClick={onClear}>
        {t('incidents.clearFilters')}
      </button>
    </p>
  );
}
