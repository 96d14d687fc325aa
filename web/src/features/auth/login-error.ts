import { AuthErrorCode, ErrorCode } from '@mw/shared';
import { ApiError } from '../../api/http';
import type { MessageKey } from '../../i18n/i18n';

/** The sentence for a failed sign-in, with the minutes a lock has left. */
export function loginErrorText(
  error: unknown,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (!(error instanceof ApiError)) return t('login.error.network');
  switch (error.body?.code as string | undefined) {
    case AuthErrorCode.AccountLocked:
      return t('login.error.locked', { minutes: Math.max(1, error.body?.retryAfterMinutes ?? 15) });
    case ErrorCode.TooManyRequests:
      return t('login.error.throttled');
    case ErrorCode.ValidationFailed:
      return t('login.error.invalid');
    default:
      return t(error.status === 401 ? 'login.error.credentials' : 'login.error.network');
  }
}
