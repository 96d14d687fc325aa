import { useI18n } from '../../i18n/i18n';

/**
 * On a phone, the button that unfolds a list's filters ("Bộ lọc (n)", n the filters in use); hidden on wider screens,
 * where the filters always show. The list card carries `filters-open` while `open`.
 */
export function FiltersToggle({
  open,
  onToggle,
  controls,
  active,
}: {
  open: boolean;
  onToggle(): void;
  /** The id of the filters' panel. */
  controls: string;
  active: number;
}) {
  const { t } = useI18n();
  return (
    <button type="button" className="filters-toggle" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      {t('filters.toggle', { n: active })}
    </button>
  );
}
