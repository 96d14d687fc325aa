/** A time of day (HH:mm) labelled inline, as in "from … to …". */
export function TimeField({
  label,
  name,
  value,
  disabled,
  invalid,
  onChange,
}: {
  label: string;
  name?: string;
  value: string;
  disabled?: boolean;
  invalid?: boolean;
  onChange(value: string): void;
}) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <input
        type="time"
        name={name}
        value={value}
        disabled={disabled}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
