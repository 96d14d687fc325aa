import { ErrorCode } from '@mw/shared';
import { ApiError } from '../../api/http';
import { useI18n, type MessageKey } from '../../i18n/i18n';

export function errorKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'error.network';
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

/** A failed request in the reader's language; the server's own sentence follows as a detail when it has one. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  const detail = error instanceof ApiError ? error.body?.message : undefined;
  return (
    <p role="alert" className="error">
      {t(errorKey(error))}
      {detail ? <span className="muted"> ({detail})</span> : null}
    </p>
  );
}
