import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './browser';
import { startTestPostgres, type TestPostgres } from './postgres';
import { ROOT, startServer, type ServerProcess } from './server-process';

export interface Credentials {
  email: string;
  password: string;
}

/** The system admin the server creates at start-up (MW_ADMIN_EMAIL / MW_ADMIN_PASSWORD). */
export const ADMIN: Credentials = { email: 'admin@govap.test', password: 'Admin-pass-2026!' };

/** A unit as GET /api/units lists it. */
export interface UnitRef {
  code: string;
  name: string;
  level: string;
}

/** A role given to a person when they are created, as POST /api/people takes it. */
export interface RoleGrant {
  role: string;
  unitCode?: string;
  deputy?: boolean;
}

export interface WebAppOptions {
  /** Prefix of the fresh database's name. */
  database: string;
  /** More server environment, on top of the web app, the admin and no seeded sources. */
  env?: Record<string, string>;
}

export interface WebApp {
  server: ServerProcess;
  baseUrl: string;
  databaseUrl: string;
  browser: Browser;
  adminToken: string;
  /** A JSON call to the API with a bearer token (the admin's unless told); throws on a status other than 2xx. */
  api<T = unknown>(method: string, url: string, body?: unknown, token?: string): Promise<T>;
  /** Signs in through the API and returns the access token; throws unless the server answers 200. */
  login(who: Credentials): Promise<string>;
  /** Creates a person with their roles as the admin. */
  createPerson(person: { name: string } & Credentials, roles: RoleGrant[]): Promise<{ id: string }>;
  /** Signs in through the login form and waits for the signed-in dashboard (the incidents list). */
  signIn(page: Page, who: Credentials): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The built dashboard (web/dist) served by the real compiled server on a fresh database, the admin signed in through
 * the API, and headless Chromium to drive it. What a spec seeds beyond that (people, incidents, feeds) stays in the
 * spec. On a failure while starting, whatever was started is stopped again.
 */
export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  let pg: TestPostgres | undefined;
  let server: ServerProcess | undefined;
  let chromium: TestBrowser | undefined;
  const stop = async () => {
    await chromium?.close();
    await server?.stop();
    await pg?.stop();
  };
  try {
    pg = await startTestPostgres();
    const databaseUrl = await pg.createDatabase(options.database);
    const started = await startServer({
      DATABASE_URL: databaseUrl,
      MW_WEB_DIST: path.join(ROOT, 'web', 'dist'),
      MW_ADMIN_EMAIL: ADMIN.email,
      MW_ADMIN_PASSWORD: ADMIN.password,
      MW_SEED_SOURCES: 'false',
      ...options.env,
    });
    server = started;
    await started.waitHealthy();
    const baseUrl = started.baseUrl;

    const login = async (who: Credentials): Promise<string> => {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: who.email, password: who.password }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`login as ${who.email} → ${res.status} ${text}`);
      return (JSON.parse(text) as { accessToken: string }).accessToken;
    };
    const adminToken = await login(ADMIN);

    const api = async <T = unknown>(method: string, url: string, body?: unknown, token = adminToken): Promise<T> => {
      const res = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };

    chromium = await launchBrowser();
    return {
      server: started,
      baseUrl,
      databaseUrl,
      browser: chromium.browser,
      adminToken,
      api,
      login,
      createPerson: (person, roles) =>
        api<{ id: string }>('POST', '/api/people', {
          name: person.name,
          email: person.email,
          password: person.password,
          roles,
        }),
      async signIn(page, who) {
        await page.goto(`${baseUrl}/login`);
        await page.getByLabel('Email').fill(who.email);
        await page.getByLabel('Mật khẩu').fill(who.password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        // On a phone the navigation is folded behind the menu button: present, not shown.
        await page
          .getByRole('navigation', { name: 'Điều hướng chính', includeHidden: true })
          .waitFor({ state: 'attached' });
        await page.getByRole('heading', { name: 'Sự vụ truyền thông' }).waitFor();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
