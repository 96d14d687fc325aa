/**
 * The analysis CLI as external checks call it: `npm run -s cli -- analyze < items.jsonl > out.jsonl` through
 * scripts/cli.cjs, with no database at all and with a configured one (whose units and aliases it reads without
 * writing anything), plus the operator commands `units import <csv>` and `analyze-pending`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestPostgres, type TestPostgres } from './support/postgres';
import { postgresPids, runCli } from './support/server-process';
import { query } from './support/db';

const NGUYEN_DU = '79764502'; // THCS Nguyễn Du, Gò Vấp
const CONTRACT_KEYS = ['category', 'id', 'incident', 'sentiment', 'severity', 'storyId', 'units'];

interface ContractLine {
  id: string;
  units: { code: string; name: string; confidence: number; evidence: string[] }[];
  sentiment: { score: number; label: string };
  category: string;
  incident: boolean;
  severity: string | null;
  storyId: string;
}

function jsonl(items: unknown[]): string {
  return items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n') + '\n';
}

function parseOut(stdout: string): ContractLine[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ContractLine);
}

describe('cli analyze without a database', () => {
  let home: string;
  let dataDir: string;
  const env = () => ({ DATABASE_URL: undefined, MW_PG_DATA_DIR: dataDir, LOG_LEVEL: 'info' });

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-analyze-'));
    dataDir = path.join(home, 'pg');
    fs.mkdirSync(dataDir);
  });
  afterAll(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('answers one line per input line, in order, with exactly the contract fields, and starts no database', async () => {
    const items = Array.from({ length: 40 }, (_, k) => ({
      id: `item-${String(k).padStart(3, '0')}`,
      title:
        k % 2 === 0
          ? `Học sinh trường THCS Nguyễn Du quận Gò Vấp bị bạn đánh hội đồng lần ${k}`
          : `Trường THPT Nguyễn Công Trứ (Gò Vấp) đạt giải nhất cuộc thi số ${k}`,
      summary: 'Phụ huynh phản ánh với nhà trường.',
      publishedAt: new Date(Date.UTC(2026, 10, 1, k)).toISOString(),
      outlet: k % 3 === 0 ? 'VnExpress' : 'Tuổi Trẻ',
    }));
    const run = await runCli(['analyze'], env(), jsonl(items));
    expect(run.stderr).not.toMatch(/^line \d+/m);
    expect(run.code).toBe(0);
    const out = parseOut(run.stdout);
    expect(out.map((o) => o.id)).toEqual(items.map((i) => i.id));
    for (const line of out) {
      expect(Object.keys(line).sort()).toEqual(CONTRACT_KEYS);
      expect(Object.keys(line.sentiment).sort()).toEqual(['label', 'score']);
      expect(line.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(line.sentiment.score).toBeLessThanOrEqual(1);
      expect(['negative', 'neutral', 'positive']).toContain(line.sentiment.label);
      expect(typeof line.category).toBe('string');
      expect(typeof line.incident).toBe('boolean');
      expect(line.severity === null || /^S[1-4]$/.test(line.severity)).toBe(true);
      expect(typeof line.storyId).toBe('string');
      for (const unit of line.units) {
        expect(Object.keys(unit).sort()).toEqual(['code', 'confidence', 'evidence', 'name']);
        expect(unit.confidence).toBeGreaterThanOrEqual(0);
        expect(unit.confidence).toBeLessThanOrEqual(1);
        expect(unit.evidence.every((e) => typeof e === 'string')).toBe(true);
      }
    }
    const first = out[0] as ContractLine;
    expect(first.units.map((u) => u.code)).toEqual([NGUYEN_DU]);
    expect(first).toMatchObject({ incident: true, sentiment: { label: 'negative' } });
    // The empty data folder stays empty: no cluster was created, none is running.
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(fs.existsSync(`${dataDir}.json`)).toBe(false);
    expect(postgresPids(dataDir)).toEqual([]);
  });

  it('reports a bad line on stderr by its number and goes on with the rest', async () => {
    const input = jsonl([
      { id: 'a', title: 'Trường THCS Nguyễn Du quận Gò Vấp khai giảng năm học mới' },
      '{"id": "broken", "title": ',
      { id: 'b', title: 'Lễ tuyên dương học sinh giỏi tại Gò Vấp' },
      { id: 'no-title' },
      '[1, 2]',
      { id: 'c', title: 'Ngập nước sau mưa lớn ở phường Hạnh Thông' },
    ]);
    const run = await runCli(['analyze'], env(), input);
    expect(run.code).toBe(0);
    expect(parseOut(run.stdout).map((o) => o.id)).toEqual(['a', 'b', 'c']);
    const errors = run.stderr.split('\n').filter((l) => /^line \d+/.test(l));
    expect(errors.map((l) => l.split(':')[0])).toEqual(['line 2', 'line 4', 'line 5']);
  });

  it('matches unaccented and decomposed (NFD) text like the accented NFC form', async () => {
    const accented = 'Học sinh trường THCS Nguyễn Du, quận Gò Vấp bị đánh hội đồng';
    const input = jsonl([
      { id: 'nfc', title: accented },
      { id: 'nfd', title: accented.normalize('NFD') },
      { id: 'plain', title: 'hoc sinh truong thcs nguyen du quan go vap bi danh hoi dong' },
      { id: 'other', title: 'Học sinh trường THCS Nguyễn Du (quận 1) bị đánh hội đồng' },
    ]);
    const run = await runCli(['analyze'], env(), input);
    expect(run.code).toBe(0);
    const byId = new Map(parseOut(run.stdout).map((o) => [o.id, o.units.map((u) => u.code)]));
    expect(byId.get('nfc')).toEqual([NGUYEN_DU]);
    expect(byId.get('nfd')).toEqual([NGUYEN_DU]);
    expect(byId.get('plain')).toEqual([NGUYEN_DU]);
    expect(byId.get('other')).toEqual([]);
  });
});

describe('cli analyze, units import and analyze-pending on a configured database', () => {
  let pg: TestPostgres;
  let url: string;
  let home: string;
  const env = () => ({ DATABASE_URL: url, MW_SEED_SOURCES: 'false', LOG_LEVEL: 'warn' });
  const title = 'Trường Thực Nghiệm Sao Mai Xanh ở Gò Vấp tổ chức ngày hội đọc sách';

  beforeAll(async () => {
    pg = await startTestPostgres();
    url = await pg.createDatabase('mw_e2e_analyze');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-units-'));
  });
  afterAll(async () => {
    fs.rmSync(home, { recursive: true, force: true });
    await pg.stop();
  });

  it('imports units from a CSV (create and update, aliases included), idempotently', async () => {
    const csv = path.join(home, 'units.csv');
    fs.writeFileSync(
      csv,
      'code,name,level,ownership,address,aliases\n' +
        'TEST-01,TH Thực Nghiệm Sao Mai,TH,Tư thục,12 Nguyễn Oanh,Trường Thực Nghiệm Sao Mai Xanh|Sao Mai Xanh\n' +
        `${NGUYEN_DU},THCS Nguyễn Du,THCS,Công lập,119 Thống Nhất,"THCS Nguyễn Du, Gò Vấp"\n`,
    );
    const first = await runCli(['units', 'import', csv], env());
    expect(first.stderr).not.toMatch(/^error:/m);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ created: 1, updated: 1 });
    const again = await runCli(['units', 'import', csv], env());
    expect(JSON.parse(again.stdout)).toEqual({ created: 0, updated: 0 });
    const rows = await query<{ aliases: string[] }>(url, `SELECT aliases FROM unit WHERE code = 'TEST-01'`);
    expect(rows[0]?.aliases).toEqual(['Trường Thực Nghiệm Sao Mai Xanh', 'Sao Mai Xanh']);

    fs.writeFileSync(csv, 'code,name,level\nBAD CODE,X,TH\n');
    const bad = await runCli(['units', 'import', csv], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/row 2/);
  });

  it('reads the units and aliases of the database and writes nothing to it', async () => {
    const snapshot = () =>
      query<{ audit: number; units: string; mentions: number }>(
        url,
        `SELECT (SELECT count(*)::int FROM audit_log) AS audit,
                (SELECT max(updated_at)::text FROM unit) AS units,
                (SELECT count(*)::int FROM mention) AS mentions`,
      );
    const before = await snapshot();
    const withDb = await runCli(['analyze'], env(), jsonl([{ id: 'x', title }]));
    expect(withDb.code).toBe(0);
    expect(parseOut(withDb.stdout)[0]?.units.map((u) => u.code)).toEqual(['TEST-01']);
    expect(await snapshot()).toEqual(before);

    // The same line against the seed file: the imported unit is unknown there.
    const dir = fs.mkdtempSync(path.join(home, 'pg-'));
    const withoutDb = await runCli(
      ['analyze'],
      { DATABASE_URL: undefined, MW_PG_DATA_DIR: path.join(dir, 'none') },
      jsonl([{ id: 'x', title }]),
    );
    expect(parseOut(withoutDb.stdout)[0]?.units).toEqual([]);
  });

  it('analyses the pending items now and prints a summary', async () => {
    const sources = await query<{ id: string }>(
      url,
      `INSERT INTO source (name, outlet, url, kind, enabled) VALUES ('T', 'Tuổi Trẻ', 'https://feeds.invalid/t', 'rss', false)
       RETURNING id`,
    );
    await query(
      url,
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, outlet, fetched_at, content_hash)
       VALUES ($1, 'k1', 'https://news.invalid/1', 'https://news.invalid/1', $2, 'Tuổi Trẻ', now(), 'h1')`,
      [sources[0]?.id, title],
    );
    const run = await runCli(['analyze-pending'], env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ analysed: 1, failed: 0, storiesCreated: 1 });
    const mentions = await query<{ unit_codes: string[] }>(url, `SELECT unit_codes FROM mention`);
    expect(mentions).toEqual([{ unit_codes: ['TEST-01'] }]);
    const again = await runCli(['analyze-pending'], env());
    expect(JSON.parse(again.stdout)).toMatchObject({ analysed: 0 });
  });
});
