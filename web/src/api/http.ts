import type { ApiErrorBody, TokenPair } from '@mw/shared';
import { session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }

  /** The field a validation error names, e.g. `url` or `settings.selectors.item`. */
  get field(): string | undefined {
    return this.body?.field;
  }
}

/** Typed JSON fetch without credentials; non-2xx answers become ApiError carrying the coded body. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; data: T }> {
  const res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  const data = (await res.json().catch(() => undefined)) as T | ApiErrorBody | undefined;
  if (!res.ok && res.status !== 503) throw new ApiError(res.status, data as ApiErrorBody | undefined);
  return { status: res.status, data: data as T };
}

// One refresh at a time: refresh tokens rotate, and two parallel refreshes with the same token would look like
// reuse to the server, which then revokes the whole family and signs the person out.
let refreshing: Promise<boolean> | null = null;

/** Trades the stored refresh token for a new pair; false (and signed out) when the server refuses it. */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.refreshToken();
    if (!refreshToken) return false;
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) {
        // Only a clear refusal signs out; a network failure leaves the token for the next try.
        if (res.status === 400 || res.status === 401 || res.status === 403) session.clear();
        return false;
      }
      const pair = (await res.json()) as TokenPair;
      session.setTokens(pair.accessToken, pair.refreshToken);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/**
 * Authenticated JSON request. A 401 triggers one refresh and one retry; when the refresh is refused the session is
 * cleared and the caller gets the 401 (the router then shows the login page).
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  if (!session.accessToken() && session.refreshToken()) await refreshTokens();
  let res = await send(method, path, body);
  if (res.status === 401 && session.refreshToken() && (await refreshTokens())) {
    res = await send(method, path, body);
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => undefined)) as T | ApiErrorBody | undefined;
  if (!res.ok) throw new ApiError(res.status, data as ApiErrorBody | undefined);
  return data as T;
}

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
