import { useI18n } from '../../i18n/i18n';

/** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh, with the machine-readable instant for screen readers and tooltips. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const { formatDateTime } = useI18n();
  if (!value) return <span className="muted">—</span>;
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}
