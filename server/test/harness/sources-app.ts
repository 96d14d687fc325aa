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
import { createPerson } from '../factories/person.factory';
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
export async function startSourcesTestApp(stored: string[]): Promise<SourcesTestApp> {
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
