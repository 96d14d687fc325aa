import { ApiError } from '../../api/http';
import { useI18n, type MessageKey } from '../../i18n/i18n';

/**
 * The top-level field a 400 names (`roles.0.unitCode` → `roles`) with the server's sentence, when it is one of
 * `fields`; forms show it under that field instead of as a banner.
 */
export function serverFieldError(error: unknown, fields: readonly string[]): { field: string; detail: string } | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.field) return null;
  const top = error.field.split('.')[0] ?? '';
  return fields.includes(top) ? { field: top, detail: error.body?.message ?? '' } : null;
}

/** A message under one field: a translated key checked here, or the server's reason in the reader's words. */
export function FieldError({
  id,
  field,
  messageKey,
  detail,
}: {
  id: string;
  field: string;
  messageKey: MessageKey;
  detail?: string;
}) {
  const { t } = useI18n();
  return (
    <span className="error field-error" id={id} data-field-error={field} role="alert">
      {t(messageKey)}
      {detail ? <span className="muted"> ({detail})</span> : null}
    </span>
  );
}
