/// <reference types="jest" />
import { api, ApiError, queryString } from './http';
import { session } from './session';

/** A fake API: access tokens `a1`, `a2`…, refresh tokens rotating `r1` → `r2` …, old ones refused. */
function fakeServer() {
  let generation = 1;
  let refreshCalls = 0;
  const fetchMock = jest.fn(async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (url === '/api/auth/refresh') {
      refreshCalls++;
      await new Promise((r) => setTimeout(r, 5));
      const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string };
      if (refreshToken !== `r${generation}`)
        return new Response(JSON.stringify({ code: 'INVALID_TOKEN' }), { status: 401 });
      generation++;
      return Response.json({ accessToken: `a${generation}`, refreshToken: `r${generation}`, expiresIn: 900 });
    }
    if (headers.get('Authorization') !== `Bearer a${generation}`) {
      return new Response(JSON.stringify({ code: 'UNAUTHENTICATED', message: 'expired' }), { status: 401 });
    }
    return Response.json({ ok: true, url });
  });
  return { fetchMock, refreshCalls: () => refreshCalls };
}

describe('api client', () => {
  const store = new Map<string, string>();
  beforeAll(() => {
    Object.assign(globalThis, {
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
      },
    });
  });
  beforeEach(() => {
    store.clear();
    session.clear();
  });

  it('refreshes once on a 401, retries with the new token and stores the rotated refresh token', async () => {
    const server = fakeServer();
    globalThis.fetch = server.fetchMock as unknown as typeof fetch;
    session.setTokens('stale', 'r1');
    await expect(api('GET', '/api/me')).resolves.toEqual({ ok: true, url: '/api/me' });
    expect(server.refreshCalls()).toBe(1);
    expect(session.accessToken()).toBe('a2');
    expect(session.refreshToken()).toBe('r2');
  });

  it('shares one refresh among parallel requests, so a rotating token is never presented twice', async () => {
    const server = fakeServer();
    globalThis.fetch = server.fetchMock as unknown as typeof fetch;
    session.setTokens('stale', 'r1');
    const answers = await Promise.all([api('GET', '/api/a'), api('GET', '/api/b'), api('GET', '/api/c')]);
    expect(answers).toHaveLength(3);
    expect(server.refreshCalls()).toBe(1);
    expect(session.refreshToken()).toBe('r2');
  });

  it('signs out when the refresh token is refused and reports the 401', async () => {
    const server = fakeServer();
    globalThis.fetch = server.fetchMock as unknown as typeof fetch;
    session.setTokens('stale', 'r-revoked');
    const error = await api('GET', '/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(session.refreshToken()).toBeNull();
    expect(session.accessToken()).toBeNull();
  });

  it('builds query strings from the defined values only', () => {
    expect(queryString({ status: 'new', unit: '', page: 2, to: undefined })).toBe('?status=new&page=2');
    expect(queryString({})).toBe('');
  });
});
