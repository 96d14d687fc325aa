import { useI18n } from '../../i18n/i18n';

/** A day typed as dd/MM/yyyy; the caller parses it (parseDayMonthYear) and says whether it is invalid. */
export function DayMonthYearField({
  label,
  name,
  value,
  invalid,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  invalid: boolean;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        inputMode="numeric"
        placeholder={t('common.datePlaceholder')}
        value={value}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value)}
        size={10}
      />
    </label>
  );
}
