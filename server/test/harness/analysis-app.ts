/**
 * The app the analysis specs run against: real PostgreSQL with the seeded sources off, an admin, and one source
 * (Tuổi Trẻ, reach 2.5) new items go to unless told otherwise. Analysis runs when a test calls analysePending().
 */
import type { DataSource } from 'typeorm';
import { AnalysisService } from '../../src/modules/analysis/analysis.service';
import { MentionEntity } from '../../src/modules/analysis/mention.entity';
import { createFeedItem, createFeedSource, type FeedItemInput } from '../factories/feed-item.factory';
import { createPerson, type PersonRow } from '../factories/person.factory';
import { startTestApp, type TestApp } from './test-app';

export interface AnalysisTestApp {
  t: TestApp;
  admin: PersonRow;
  sourceId: string;
  analysis: AnalysisService;
}

export interface AnalysisSpec {
  ds: () => DataSource;
  insertSource: (outlet: string, unitCode?: string | null, reachWeight?: number) => Promise<string>;
  /** A pending feed item, from the default source unless `source` is given. */
  insertItem: (item: FeedItemInput, source?: string) => Promise<string>;
  mentionOf: (itemId: string) => Promise<MentionEntity | null>;
}

/**
 * Starts the app before the calling describe block's tests and closes it after them; `assign` receives it once
 * started (the spec keeps its own bindings).
 */
export function useAnalysisTestApp(assign: (app: AnalysisTestApp) => void): AnalysisSpec {
  let app: AnalysisTestApp | undefined;
  const ds = (): DataSource => (app as AnalysisTestApp).t.db.dataSource;
  const insertSource = (outlet: string, unitCode: string | null = null, reachWeight = 1): Promise<string> =>
    createFeedSource(ds(), outlet, unitCode, reachWeight);
  beforeAll(async () => {
    const t = await startTestApp({ MW_JWT_SECRET: 'a'.repeat(40), MW_SEED_SOURCES: 'false' });
    const admin = await createPerson(t.db.dataSource, { roles: [{ role: 'admin' }] });
    const sourceId = await createFeedSource(t.db.dataSource, 'Tuổi Trẻ', null, 2.5);
    app = { t, admin, sourceId, analysis: t.app.get(AnalysisService) };
    assign(app);
  });
  afterAll(async () => {
    await app?.t.close();
  });
  return {
    ds,
    insertSource,
    insertItem: (item, source = (app as AnalysisTestApp).sourceId) => createFeedItem(ds(), source, item),
    mentionOf: (itemId) => ds().getRepository(MentionEntity).findOneBy({ itemId }),
  };
}
