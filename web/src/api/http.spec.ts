/// <reference types="jest" />
import { api, ApiError, queryString, REFRESH_LOCK, renewTokens } from './http';
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

  it('tells a refusal (signed out) from a failure (session kept, worth retrying)', async () => {
    session.setTokens('stale', 'r1');
    globalThis.fetch = jest.fn(async () => new Response('', { status: 503 })) as unknown as typeof fetch;
    await expect(renewTokens()).resolves.toBe('failed');
    globalThis.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(renewTokens()).resolves.toBe('failed');
    expect(session.refreshToken()).toBe('r1');

    globalThis.fetch = fakeServer().fetchMock as unknown as typeof fetch;
    session.setTokens('stale', 'r-revoked');
    await expect(renewTokens()).resolves.toBe('refused');
    expect(session.refreshToken()).toBeNull();
    await expect(renewTokens()).resolves.toBe('refused');
  });
});

/** A stand-in for navigator.locks: one holder at a time per name, in request order, as the browser grants them. */
function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const requested: string[] = [];
  return {
    requested,
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      requested.push(name);
      const granted = (tails.get(name) ?? Promise.resolve()).then(callback);
      tails.set(
        name,
        granted.catch(() => undefined),
      );
      return granted;
    },
  };
}

describe('refresh across tabs', () => {
  const store = new Map<string, string>();
  const storage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  };
  let locks: ReturnType<typeof fakeLocks>;

  /** A tab: its own copy of the modules (own access token, own in-tab queue) over the shared storage and locks. */
  async function openTab() {
    let tab!: { http: typeof import('./http'); session: typeof import('./session') };
    await jest.isolateModulesAsync(async () => {
      tab = { http: await import('./http'), session: await import('./session') };
    });
    return tab;
  }

  beforeEach(() => {
    store.clear();
    locks = fakeLocks();
    Object.assign(globalThis, { localStorage: storage, navigator: { locks } });
  });
  afterEach(() => {
    delete (globalThis as { navigator?: unknown }).navigator;
  });

  it('lets one tab rotate the refresh token and the other adopt the new pair, so nobody is signed out', async () => {
    const server = fakeServer();
    globalThis.fetch = server.fetchMock as unknown as typeof fetch;
    const a = await openTab();
    const b = await openTab();
    a.session.session.setTokens('stale', 'r1');
    b.session.session.adoptStored();
    expect(b.session.session.accessToken()).toBe('stale');

    // Both tabs' access tokens expire at the same moment; each refreshes.
    const answers = await Promise.all([a.http.api('GET', '/api/a'), b.http.api('GET', '/api/b')]);

    expect(answers).toEqual([
      { ok: true, url: '/api/a' },
      { ok: true, url: '/api/b' },
    ]);
    expect(server.refreshCalls()).toBe(1);
    expect(locks.requested).toEqual([REFRESH_LOCK, REFRESH_LOCK]);
    expect(a.session.session.accessToken()).toBe('a2');
    expect(b.session.session.accessToken()).toBe('a2');
    expect(store.get('mw.refreshToken')).toBe('r2');
  });

  it('refreshes over the network when the stored token is still the one this tab started with', async () => {
    const server = fakeServer();
    globalThis.fetch = server.fetchMock as unknown as typeof fetch;
    const a = await openTab();
    a.session.session.setTokens('stale', 'r1');
    await expect(a.http.renewTokens()).resolves.toBe('renewed');
    await expect(a.http.renewTokens()).resolves.toBe('renewed');
    expect(server.refreshCalls()).toBe(2);
    expect(store.get('mw.refreshToken')).toBe('r3');
  });

  it('does not refresh for a tab that waited while another signed out', async () => {
    const server = fakeServer();
    globalThis.fetch = server.fetchMock as unknown as typeof fetch;
    const a = await openTab();
    const b = await openTab();
    a.session.session.setTokens('a1', 'r1');
    let release!: () => void;
    // Tab A holds the lock (say, signing out) while tab B asks for it.
    const held = locks.request(REFRESH_LOCK, () => new Promise<void>((r) => (release = r)));
    const renewing = b.http.renewTokens();
    a.session.session.clear();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await held;
    await expect(renewing).resolves.toBe('refused');
    expect(server.refreshCalls()).toBe(0);
  });
});
