/** Why a fetch failed; the scheduler decides retries and back-off from the code, people read the message. */
export type FetchErrorCode =
  | 'BAD_URL'
  | 'SSRF_BLOCKED'
  | 'DNS'
  | 'CONNECT'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'HTTP_STATUS'
  | 'RETRY_LATER'
  | 'DECOMPRESSION'
  | 'NETWORK';

export interface FetchErrorDetails {
  url?: string;
  status?: number;
  retryAt?: Date;
  cause?: unknown;
}

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url?: string;
  readonly status?: number;
  /** Set for RETRY_LATER: the earliest moment the host may be asked again. */
  readonly retryAt?: Date;

  constructor(code: FetchErrorCode, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.code = code;
    this.url = details.url;
    this.status = details.status;
    this.retryAt = details.retryAt;
  }
}

export function isFetchError(value: unknown): value is FetchError {
  return value instanceof FetchError;
}
