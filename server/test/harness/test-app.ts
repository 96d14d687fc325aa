import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppOverrides } from '../../src/app.module';
import { createApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { parseEnv } from '../../src/config/env.schema';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  baseUrl: string;
  config: AppConfig;
  close(): Promise<void>;
}

/** Boots the real HTTP application on its own database and a random port. */
export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = new AppConfig(
    // Analysis on the event loop unless a spec asks for threads (analysis-threads.integration-spec.ts does).
    parseEnv({ MW_SCHEDULER_ENABLED: 'false', MW_WEB_DIST: '', LOG_LEVEL: 'error', MW_ANALYSIS_THREADS: '0', ...env }),
    db.url,
  );
  const app = await createApp(config, new JsonLogger('error', process.stderr), overrides);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    db,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
