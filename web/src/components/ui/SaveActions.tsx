import { useI18n } from '../../i18n/i18n';

/** A form's save button (off while saving) and, once saved, a status saying so. */
export function SaveActions({
  pending,
  saved,
  className = 'actions',
}: {
  pending: boolean;
  saved: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <div className={className}>
      <button type="submit" className="primary" disabled={pending}>
        {t('common.save')}
      </button>
      {saved && <span role="status">{t('common.saved')}</span>}
    </div>
  );
}
