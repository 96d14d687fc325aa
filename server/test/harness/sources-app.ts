/**
 * The app the sources specs run against: real PostgreSQL, a fixture feed server on 127.0.0.1, a fixed clock, the
 * scheduler off (tests call the poller), an admin to sign requests with, and the ids of the items stored so far.
 */
import { Role } from '@mw/shared';
import { FixedClock } from '../../src/common/clock/clock';
import { DomainEventBus } from '../../src/common/events/domain-events';
import {
  loadFixtureFeedServer,
  type FixtureFeedServer,
} from '../../src/modules/sources/fetch/fixture-feed-server.testing';
import { SourcePollerService } from '../../src/modules/sources/source-poller.service';
import { bearer, tokenFor } from '../factories/auth.factory';
import { createPerson } from '../factories/person.factory';
import { jsonApi, sourcesApi, type JsonApi } from './json-api';
import { startTestApp, type TestApp } from './test-app';

const { startFixtureFeedServer } = loadFixtureFeedServer();

export interface SourcesTestApp {
  t: TestApp;
  feeds: FixtureFeedServer;
  clock: FixedClock;
  poller: SourcePollerService;
  adminId: string;
}

/** Starts the app; each stored item's id is pushed to `stored`. */
async function startSourcesTestApp(stored: string[]): Promise<SourcesTestApp> {
  const feeds = await startFixtureFeedServer();
  const clock = new FixedClock(new Date());
  const t = await startTestApp(
    {
      MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      MW_SEED_SOURCES: 'false',
      MW_FETCH_TOTAL_TIMEOUT_MS: '6000',
      MW_FETCH_CONNECT_TIMEOUT_MS: '1000',
      MW_FETCH_MAX_BODY_BYTES: String(2 * 1024 * 1024),
      MW_POLL_CONCURRENCY: '8',
    },
    { clock },
  );
  t.app.get(DomainEventBus).on('item.stored', ({ itemId }) => {
    stored.push(itemId);
  });
  const person = await createPerson(t.db.dataSource, { roles: [{ role: Role.Admin }] });
  return { t, feeds, clock, poller: t.app.get(SourcePollerService), adminId: person.id };
}

export interface SourcesSpec extends ReturnType<typeof sourcesApi> {
  /** Signed in as the admin, a fresh token per request (tokens expire by the injected clock, which tests move). */
  api: JsonApi;
  /** Ids of the items stored so far, in order. */
  stored: string[];
}

/**
 * Starts the app before the calling describe block's tests and closes it after them; `assign` receives it once
 * started (the spec keeps its own bindings).
 */
export function useSourcesTestApp(assign: (app: SourcesTestApp) => void): SourcesSpec {
  let app: SourcesTestApp | undefined;
  const stored: string[] = [];
  beforeAll(async () => {
    app = await startSourcesTestApp(stored);
    assign(app);
  });
  afterAll(async () => {
    await app?.t.close();
    await app?.feeds.close();
  });
  const admin = (): Record<string, string> =>
    bearer(tokenFor((app as SourcesTestApp).t.app, (app as SourcesTestApp).adminId));
  const api = jsonApi(() => (app as SourcesTestApp).t.baseUrl, admin);
  return { api, stored, ...sourcesApi(api) };
}
