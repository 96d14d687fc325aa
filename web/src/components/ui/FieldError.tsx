import type { ReactNode } from 'react';
import { ApiError } from '../../api/http';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { validationFailure, validationSentence, type ValidationFailure } from './validation-message';

/** A 400 shown under one of a form's fields: the top-level field, the server's sentence and what it failed. */
export interface ServerFieldError {
  field: string;
  detail: string;
  /** The constraint and limits the validation pipe named, when the 400 came from it. */
  failure?: ValidationFailure;
}

/**
 * The top-level field a 400 names (`roles.0.unitCode` → `roles`) with the server's sentence, when it is one of
 * `fields`; forms show it under that field instead of as a banner.
 */
export function serverFieldError(error: unknown, fields: readonly string[]): ServerFieldError | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.field) return null;
  const top = error.field.split('.')[0] ?? '';
  return fields.includes(top)
    ? { field: top, detail: error.body?.message ?? '', failure: validationFailure(error) }
    : null;
}

/**
 * A message under one field: a translated key checked here, or the server's reason in the reader's words (worded
 * from the constraint it names, about `label`, else `messageKey`). The server's own (English) sentence is a detail
 * after it in English, and only the element's title in Vietnamese.
 */
export function FieldError({
  id,
  field,
  messageKey,
  detail,
  failure,
  label,
}: {
  id: string;
  field: string;
  messageKey: MessageKey;
  detail?: string;
  failure?: ValidationFailure;
  label?: string;
}) {
  const { t, language } = useI18n();
  const text = validationSentence(language, failure, label) ?? t(messageKey);
  const inline = language === 'en' && detail && detail !== text ? detail : undefined;
  return (
    <span
      className="error field-error"
      id={id}
      data-field-error={field}
      role="alert"
      title={language !== 'en' && detail ? detail : undefined}
    >
      {text}
      {inline ? <span className="muted"> ({inline})</span> : null}
    </span>
  );
}

/** What one field shows: the form's own check first, else the server's 400 when it names that field. */
export interface FieldMessage {
  key: MessageKey;
  detail?: string;
  failure?: ValidationFailure;
}

/**
 * A form's labelled fields: `field` lays out a label, the control (whose id must be `${prefix}-${name}`), an optional
 * hint and the field's message (`${prefix}-${name}-error`); `inputProps` wires a text input to `values` (and `set`) and
 * to that message (aria-invalid, aria-describedby); `errorOf` says which message a field has.
 */
export function useLabelledFields<F extends string, T extends F>({
  prefix,
  local,
  server,
  values,
  set,
}: {
  prefix: string;
  local: Partial<Record<F, MessageKey>>;
  server: ServerFieldError | null;
  values: Record<T, string>;
  set(patch: Partial<Record<T, string>>): void;
}) {
  const { t } = useI18n();
  const errorOf = (name: F): FieldMessage | null => {
    const key = local[name];
    if (key) return { key, detail: undefined };
    return server?.field === name ? { key: 'form.invalid', detail: server.detail, failure: server.failure } : null;
  };
  const field = (name: F, label: MessageKey, input: ReactNode, hint?: MessageKey) => {
    const error = errorOf(name);
    return (
      <div className="field">
        <label htmlFor={`${prefix}-${name}`}>{t(label)}</label>
        {input}
        {hint && <span className="muted small">{t(hint)}</span>}
        {error && (
          <FieldError
            id={`${prefix}-${name}-error`}
            field={name}
            messageKey={error.key}
            detail={error.detail}
            failure={error.failure}
            label={t(label)}
          />
        )}
      </div>
    );
  };
  const inputProps = (name: T) => ({
    id: `${prefix}-${name}`,
    name,
    value: values[name],
    'aria-invalid': !!errorOf(name),
    'aria-describedby': errorOf(name) ? `${prefix}-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value } as Partial<Record<T, string>>),
  });
  return { errorOf, field, inputProps };
}
