import { useI18n } from '../../i18n/i18n';

export function LanguageSelect({ onChange }: { onChange?: (language: 'vi' | 'en') => void }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="inline-field">
      <span>{t('app.language')}</span>
      <select
        name="language"
        value={language}
        onChange={(e) => {
          const next = e.target.value === 'en' ? 'en' : 'vi';
          setLanguage(next);
          onChange?.(next);
        }}
      >
        <option value="vi">Tiếng Việt</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
