import { ErrorCode, IncidentErrorCode } from '@mw/shared';
import { ApiError } from '../../api/http';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { validationFailure, validationSentence } from './validation-message';

export function errorKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'error.network';
  // Codes of one module (incidents) come next to the generic ones.
  if ((error.body?.code as string | undefined) === IncidentErrorCode.DismissalNeedsOffice) {
    return 'error.dismissalNeedsOffice';
  }
  switch (error.body?.code) {
    case ErrorCode.Forbidden:
      return 'error.forbidden';
    case ErrorCode.NotFound:
      return 'error.notFound';
    case ErrorCode.ValidationFailed:
      return 'error.validation';
    case ErrorCode.InvalidTransition:
      return 'error.invalidTransition';
    case ErrorCode.Conflict:
      return 'error.conflict';
    case ErrorCode.TooManyRequests:
      return 'error.tooMany';
    case ErrorCode.DatabaseUnavailable:
      return 'error.database';
    default:
      if (error.status === 403) return 'error.forbidden';
      if (error.status === 404) return 'error.notFound';
      return 'error.server';
  }
}

/**
 * A failed request in the reader's language: a validation failure worded from the constraint the server names
 * (`label` is the field's label when the caller knows it), else the generic text for its code. The server's own
 * (English) sentence follows as a detail in English, and is only the element's title in Vietnamese.
 */
export function ErrorMessage({ error, label }: { error: unknown; label?: string }) {
  const { t, language } = useI18n();
  const detail = error instanceof ApiError ? error.body?.message : undefined;
  const text = validationSentence(language, validationFailure(error), label) ?? t(errorKey(error));
  const inline = language === 'en' && detail && detail !== text ? detail : undefined;
  return (
    <p role="alert" className="error" title={language !== 'en' ? detail : undefined}>
      {text}
      {inline ? <span className="muted"> ({inline})</span> : null}
    </p>
  );
}
