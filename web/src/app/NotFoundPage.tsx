import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card">
      <h2>{t('error.pageNotFound')}</h2>
      <Link to="/incidents">{t('nav.incidents')}</Link>
    </section>
  );
}
