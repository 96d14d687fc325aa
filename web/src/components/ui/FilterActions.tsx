import { useI18n } from '../../i18n/i18n';

/** A filter form's apply and clear buttons, and the alert shown while one of its dd/MM/yyyy dates does not read. */
export function FilterActions({ onClear, datesInvalid }: { onClear(): void; datesInvalid: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <div className="filter-actions">
        <button type="submit">{t('common.apply')}</button>
        <button type="button" onClick={onClear}>
          {t('common.clear')}
        </button>
      </div>
      {datesInvalid && (
        <p className="error field-error" role="alert">
          {t('common.dateInvalid')}
        </p>
      )}
    </>
  );
}
