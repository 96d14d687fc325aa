import { useI18n } from '../../i18n/i18n';
import { dayInvalid } from './dates';

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

/** The "from" and "to" days of a filter (inputs named `from` and `to`), each marked invalid while it does not read. */
export function DayRangeFields({
  from,
  to,
  onFrom,
  onTo,
}: {
  from: string;
  to: string;
  onFrom(value: string): void;
  onTo(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <DayMonthYearField
        label={t('common.from')}
        name="from"
        value={from}
        invalid={dayInvalid(from)}
        onChange={onFrom}
      />
      <DayMonthYearField label={t('common.to')} name="to" value={to} invalid={dayInvalid(to)} onChange={onTo} />
    </>
  );
}
