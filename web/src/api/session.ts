/**
 * Where the tokens live. The access token a tab uses stays in memory (a page reload asks for a fresh one), the
 * refresh token in localStorage so a reload or a new tab keeps the person signed in. Listeners hear every change, so
 * the auth provider and the socket follow sign-in, rotation and sign-out without polling.
 *
 * Tabs share the refresh token, and it rotates: a tab that finds it rotated by another tab must not present it again
 * (the server would take that for reuse and sign everyone out). So each new pair is also left in localStorage, the
 * access token keyed to its refresh token, for the other tabs to adopt (`adoptStored`). That exposes nothing the
 * refresh token next to it does not already give away.
 */
const REFRESH_KEY = 'mw.refreshToken';
const PAIR_KEY = 'mw.tokenPair';

type Listener = () => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

/** The pair the last rotation left in localStorage, if it is readable. */
function storedPair(): { accessToken: string; refreshToken: string } | null {
  try {
    const pair = JSON.parse(localStorage.getItem(PAIR_KEY) ?? 'null') as {
      accessToken?: unknown;
      refreshToken?: unknown;
    };
    return typeof pair?.accessToken === 'string' && typeof pair.refreshToken === 'string'
      ? { accessToken: pair.accessToken, refreshToken: pair.refreshToken }
      : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

export const session = {
  accessToken(): string | null {
    return accessToken;
  },
  refreshToken(): string | null {
    return localStorage.getItem(REFRESH_KEY);
  },
  setTokens(access: string, refresh: string): void {
    accessToken = access;
    localStorage.setItem(REFRESH_KEY, refresh);
    localStorage.setItem(PAIR_KEY, JSON.stringify({ accessToken: access, refreshToken: refresh }));
    emit();
  },
  /** Takes over the pair another tab stored, when it belongs to the stored refresh token; false otherwise. */
  adoptStored(): boolean {
    const refresh = localStorage.getItem(REFRESH_KEY);
    const pair = storedPair();
    if (!refresh || pair?.refreshToken !== refresh) return false;
    accessToken = pair.accessToken;
    emit();
    return true;
  },
  clear(): void {
    accessToken = null;
    localStorage.removeItem(REFRESH_KEY);
    localStorage.removeItem(PAIR_KEY);
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
