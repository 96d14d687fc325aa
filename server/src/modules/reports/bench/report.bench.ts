/**
 * How long the leadership report takes over a year of stored coverage (default 100,000 mentions, see
 * report-bench-data.ts), on real PostgreSQL: a fresh database on DATABASE_URL's server (dropped afterwards), else a
 * temporary embedded PostgreSQL. The application is booted as `npm start` boots it (migrations, seeded units, every
 * module; no schedule), and the figures are measured through the same services the routes call:
 *   - the weekly report of a busy school week, all units (goal: under 2 s), and one school's;
 *   - its PDF (goal: under 5 s): the report computed, then printed by Chromium, the first time with the browser's
 *     launch and again with the browser warm;
 *   - for information, the report over the whole year (the longest period a reader may ask for) and its PDF.
 * Each timing is the median of RUNS runs after one warm-up (the first, cold, run is printed too).
 * Run: npm run bench -- report [mentions]
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { rangePeriod, weekPeriod, type ReportPeriod } from '@mw/shared';
import { AppModule } from '../../../app.module';
import { JsonLogger } from '../../../common/logging/json-logger';
import { AppConfig } from '../../../config/app-config';
import { parseEnv } from '../../../config/env.schema';
import { dataSourceOptions, runMigrations } from '../../../database/data-source';
import { startOrAttachEmbeddedPostgres } from '../../../database/embedded-postgres';
import { ReportFiles } from '../render/report-files.service';
import { ReportsService } from '../reports.service';
import { writeBenchData } from './report-bench-data';

const RUNS = 5;
const WEEK = '2026-W47';
/** The year of coverage ends with the week after the one measured (its previous week is read as well). */
const END = new Date('2026-11-30T00:00:00+07:00');
export const WEEKLY_GOAL_S = 2;
export const PDF_GOAL_S = 5;

export interface ReportBenchOptions {
  mentions?: number;
}

interface Timing {
  first: number;
  median: number;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  const seconds: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const started = process.hrtime.bigint();
    await work();
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const rest = seconds.slice(1).sort((a, b) => a - b);
  return { first: seconds[0] as number, median: rest[Math.floor(rest.length / 2)] as number };
}

const s = (x: number) => `${x.toFixed(3)} s`;
const out = (line: string) => process.stdout.write(`${line}\n`);

/** A scratch database on DATABASE_URL's server, or a temporary embedded PostgreSQL; `drop` removes it. */
async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mw_bench_${randomBytes(5).toString('hex')}`;
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-bench-pg-'));
    const pg = await startOrAttachEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: 0,
      ephemeral: true,
      log: () => undefined,
    });
    adminUrl = pg.adminUrl;
    stopEmbedded = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
      await stopEmbedded?.();
    },
  };
}

export async function runReportBench(options: ReportBenchOptions = {}): Promise<void> {
  const mentions = options.mentions ?? 100_000;
  const db = await scratchDatabase();
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | null = null;
  try {
    await runMigrations(db.url);
    const env = parseEnv({
      ...process.env,
      DATABASE_URL: db.url,
      MW_SCHEDULER_ENABLED: 'false',
      MW_SEED_SOURCES: 'false',
      MW_WEB_DIST: '',
      LOG_LEVEL: 'warn',
    });
    app = await NestFactory.createApplicationContext(AppModule.forRoot(new AppConfig(env, db.url)), {
      logger: new JsonLogger('warn', process.stderr),
    });
    const ds = new DataSource(dataSourceOptions(db.url, 2));
    await ds.initialize();
    const data = await writeBenchData(ds, { mentions, end: END });
    out(
      `report: ${data.mentions} mentions (${data.articles} articles, ${data.stories} stories) over 52 weeks, ` +
        `${data.units} units, ${data.outlets} outlets, ${data.incidents} incidents, ${data.escalationSteps} ` +
        `escalation steps, ${data.goodNews} good news; written in ${data.seconds.toFixed(1)} s`,
    );
    const busiest: { code: string; name: string; n: number }[] = await ds.query(
      `SELECT u.code, u.name, count(*)::int AS n FROM mention m JOIN unit u ON u.code = ANY(m.unit_codes)
       WHERE u.code <> 'GV-OFFICE' GROUP BY u.code, u.name ORDER BY n DESC LIMIT 1`,
    );
    const school = busiest[0] as { code: string; name: string; n: number };
    await ds.destroy();

    const reports = app.get(ReportsService, { strict: false });
    const files = app.get(ReportFiles, { strict: false });
    const week = weekPeriod(WEEK) as ReportPeriod;
    const year = rangePeriod('2025-12-01', '2026-11-29') as ReportPeriod;
    const sample = await reports.compute(week, null);
    out(
      `report: week ${WEEK} holds ${sample.figures.mentions} articles, ${sample.figures.incidentsOpened} incidents, ` +
        `${sample.figures.goodNews} good news (previous week ${sample.previous.mentions} articles)`,
    );

    const weekly = await time(RUNS, () => reports.compute(week, null));
    out(
      `report: weekly report, all units: ${s(weekly.median)} median of ${RUNS} (first ${s(weekly.first)}); ` +
        `goal < ${WEEKLY_GOAL_S} s: ${weekly.median < WEEKLY_GOAL_S ? 'met' : 'MISSED'}`,
    );
    const scope = { unitCode: school.code, unitName: school.name };
    const unit = await time(RUNS, () => reports.compute(week, scope));
    out(
      `report: weekly report, one school (${school.name}, ${school.n} mentions in the year): ${s(unit.median)} ` +
        `median (first ${s(unit.first)})`,
    );
    const pdf = await time(RUNS, async () => files.pdfOf(await reports.compute(week, null)));
    const bytes = (await files.pdfOf(sample)).content.length;
    out(
      `report: weekly PDF (computed and printed): ${s(pdf.median)} median with Chromium warm, first ${s(pdf.first)} ` +
        `with its launch; ${Math.round(bytes / 1024)} kB; goal < ${PDF_GOAL_S} s: ` +
        `${Math.max(pdf.median, pdf.first) < PDF_GOAL_S ? 'met' : 'MISSED'}`,
    );
    const yearly = await time(1, () => reports.compute(year, null));
    out(`report: the whole year (${year.days} days), all units: ${s(yearly.median)} (first ${s(yearly.first)})`);
    const yearPdf = await time(1, async () => files.pdfOf(await reports.compute(year, null)));
    out(`report: the whole year's PDF: ${s(yearPdf.median)}`);
  } finally {
    await app?.close().catch(() => undefined);
    await db.drop();
  }
}
