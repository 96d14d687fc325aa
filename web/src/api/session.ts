/**
 * Where the tokens live. The access token stays in memory only (a page reload asks for a fresh one), the refresh
 * token in localStorage so a reload or a new tab keeps the person signed in. Listeners hear every change, so the
 * auth provider and the socket follow sign-in, rotation and sign-out without polling.
 */
const REFRESH_KEY = 'mw.refreshToken';

type Listener = () => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

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
    emit();
  },
  clear(): void {
    accessToken = null;
    localStorage.removeItem(REFRESH_KEY);
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
