/** Error codes the API returns in `{ code, message }` bodies, so the dashboard can switch on them. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  InvalidTransition: 'INVALID_TRANSITION',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  /** The offending field for validation errors, as a dotted path. */
  field?: string;
  /**
   * For validation errors, the class-validator constraint the field broke (`isNotEmpty`, `maxLength`, `isIn`,
   * `whitelistValidation` for an unknown field, …), so the dashboard can word it in the reader's language.
   */
  constraint?: string;
  /** That constraint's limits where it has any, e.g. `{ max: 200 }`, `{ min: 1, max: 500 }`, `{ values: 'a, b' }`. */
  params?: Record<string, string | number>;
  /**
   * For ACCOUNT_LOCKED: whole minutes until sign-in is possible again (the same answer whether or not the e-mail has an
   * account).
   */
  retryAfterMinutes?: number;
}
