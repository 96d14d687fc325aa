import { Client } from 'pg';
import { runMigrations } from '../database/data-source';
import { CliCommand } from './cli-command';

export const migrateCommand: CliCommand = {
  summary: 'Apply pending database migrations',
  usage: 'migrate',
  async run(_args, ctx) {
    const applied = await runMigrations(await ctx.databaseUrl());
    ctx.out.write(JSON.stringify({ applied }) + '\n');
    return 0;
  },
};

export const healthCommand: CliCommand = {
  summary: 'Check that the database answers and migrations are applied',
  usage: 'health',
  async run(_args, ctx) {
    const client = new Client({ connectionString: await ctx.databaseUrl(), connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      const migrations = await client
        .query<{ count: string }>('SELECT count(*)::text AS count FROM migrations')
        .then((r) => Number(r.rows[0]?.count ?? 0))
        .catch(() => 0);
      ctx.out.write(JSON.stringify({ status: 'ok', db: 'up', migrations }) + '\n');
      return 0;
    } catch (err) {
      ctx.out.write(JSON.stringify({ status: 'degraded', db: 'down' }) + '\n');
      ctx.err.write(`error: database unreachable: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
