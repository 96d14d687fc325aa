import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export function Shell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="shell">
      <header className="topbar">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="muted">{t('app.subtitle')}</p>
        </div>
        <label>
          {t('app.language')}{' '}
          <select
            aria-label={t('app.language')}
            value={language}
            onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'vi')}
          >
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main>{children}</main>
    </div>
  );
}
