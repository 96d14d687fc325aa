/** A labelled select whose first, empty option means "none chosen" (or "all" in a filter). */
export function SelectField({
  label,
  name,
  value,
  onChange,
  emptyLabel,
  options,
  required,
}: {
  label: string;
  name?: string;
  value: string;
  onChange(value: string): void;
  emptyLabel: string;
  options: readonly { value: string; label: string }[];
  required?: boolean;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} required={required} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
