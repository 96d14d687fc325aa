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

/**
 * How a refresh ended: `renewed` (this tab holds a fresh pair), `refused` (the server turned the refresh token down,
 * or there is none: signed out) or `failed` (network error or server trouble: the session stays, try again later).
 */
export type RefreshOutcome = 'renewed' | 'refused' | 'failed';

/** The Web Locks lock every tab of the origin takes around a refresh. */
export const REFRESH_LOCK = 'mw-refresh';

interface RefreshLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

function crossTabLocks(): RefreshLocks | undefined {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return undefined;
  return navigator.locks as unknown as RefreshLocks;
}

// One refresh at a time, in this tab and (through the Web Locks API where the browser has it) across tabs: refresh
// tokens rotate, and two refreshes presenting the same token look like reuse to the server, which then revokes the
// whole family and signs the person out in every tab.
let refreshing: Promise<RefreshOutcome> | null = null;

/** Trades the stored refresh token for a new pair; signs out only when the server refuses the token. */
export function renewTokens(): Promise<RefreshOutcome> {
  if (refreshing) return refreshing;
  const startedWith = session.refreshToken();
  const locks = crossTabLocks();
  const run = () => renewHoldingLock(startedWith);
  refreshing = (locks ? locks.request(REFRESH_LOCK, run) : run())
    .catch((): RefreshOutcome => 'failed')
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** renewTokens for callers that only need to know whether they may retry with a fresh token. */
export async function refreshTokens(): Promise<boolean> {
  return (await renewTokens()) === 'renewed';
}

async function renewHoldingLock(startedWith: string | null): Promise<RefreshOutcome> {
  // Read again: another tab may have rotated the pair (or signed out) while this one waited for the lock.
  const stored = session.refreshToken();
  if (!stored) return 'refused';
  if (stored !== startedWith && session.adoptStored()) return 'renewed';
  return exchange(stored);
}

async function exchange(refreshToken: string): Promise<RefreshOutcome> {
  let res: Response;
  try {
    res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return 'failed';
  }
  if (res.ok) {
    const pair = (await res.json()) as TokenPair;
    session.setTokens(pair.accessToken, pair.refreshToken);
    return 'renewed';
  }
  // Only a clear refusal signs out; a network failure or server trouble leaves the token for the next try.
  if (res.status !== 400 && res.status !== 401 && res.status !== 403) return 'failed';
  // A sign-in elsewhere (which takes no lock) may have replaced the token meanwhile: that one still stands.
  if (session.refreshToken() !== refreshToken && session.adoptStored()) return 'renewed';
  session.clear();
  return 'refused';
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

/** Authenticated GET of a file (a report's PDF or CSV), refreshed and retried like `api`. */
export async function apiBlob(path: string): Promise<Blob> {
  if (!session.accessToken() && session.refreshToken()) await refreshTokens();
  let res = await send('GET', path, undefined);
  if (res.status === 401 && session.refreshToken() && (await refreshTokens())) res = await send('GET', path, undefined);
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => undefined)) as ApiErrorBody | undefined);
  return res.blob();
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
