/**
 * The schema changes TypeORM would make to bring the database in line with the entities (nothing, when entities and
 * migrations agree). TypeORM's schema builder reads the tables with Promise.all over its one query runner: a dozen
 * queries sent at once on one pg client, which pg 8 warns is deprecated (and pg 9 will refuse). Here that runner's
 * queries run one after another, so the check passes tools/jest/integration-pg-warnings.ts.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlInMemory } from 'typeorm/driver/SqlInMemory';

export async function schemaLog(ds: DataSource): Promise<SqlInMemory> {
  const create = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode) => oneAtATime(create(mode));
  try {
    return await ds.driver.createSchemaBuilder().log();
  } finally {
    ds.createQueryRunner = create;
  }
}

function oneAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let last: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const run = last.then(() => query(...args));
    last = run.catch(() => undefined);
    return run;
  }) as QueryRunner['query'];
  return runner;
}
