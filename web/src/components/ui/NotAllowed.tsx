import { useI18n } from '../../i18n/i18n';

/** Shown instead of a screen whose routes the server refuses to this person (its nav entry is hidden too). */
export function NotAllowed() {
  const { t } = useI18n();
  return (
    <p role="alert" className="error card">
      {t('error.forbidden')}
    </p>
  );
}
