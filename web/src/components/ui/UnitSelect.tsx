import { useI18n } from '../../i18n/i18n';
import { useUnits } from '../../features/units/hooks/useUnits';
import { SelectField } from './SelectField';

/** Picks one unit by code from the unit list; the empty option reads `emptyLabel`. */
export function UnitSelect({
  name,
  value,
  onChange,
  emptyLabel,
  required,
  offers,
}: {
  name?: string;
  value: string;
  onChange(code: string): void;
  emptyLabel: string;
  required?: boolean;
  /** Which of the units the person sees to offer (all of them when absent). */
  offers?: (code: string) => boolean;
}) {
  const { t } = useI18n();
  const units = useUnits();
  return (
    <SelectField
      label={t('incidents.unit')}
      name={name}
      value={value}
      onChange={onChange}
      emptyLabel={emptyLabel}
      options={(units.data ?? [])
        .filter((u) => !offers || offers(u.code))
        .map((u) => ({ value: u.code, label: u.name }))}
      required={required}
    />
  );
}
