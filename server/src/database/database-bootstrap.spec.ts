import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEnv } from '../config/env.schema';
import { runningDatabaseUrl } from './database-bootstrap';

describe('runningDatabaseUrl (what cli analyze may read)', () => {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-gz-'));
  });
  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  const envFor = (dataDir: string, url?: string) =>
    parseEnv({ MW_PG_DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) });

  it('prefers DATABASE_URL', () => {
    expect(runningDatabaseUrl(envFor(home, 'postgres://u:p@db:5432/mw'))).toBe('postgres://u:p@db:5432/mw');
  });

  it('finds nothing in an empty or missing data folder, and creates nothing there', () => {
    expect(runningDatabaseUrl(envFor(home))).toBeUndefined();
    expect(runningDatabaseUrl(envFor(path.join(home, 'missing')))).toBeUndefined();
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('attaches to a running embedded cluster through postmaster.pid and ignores a stale one', () => {
    const dataDir = path.join(home, 'pg');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(`${dataDir}.json`, JSON.stringify({ user: 'postgres', password: 'p/w+x' }));
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n1700000000\n54321\n`);
    const url = new URL(runningDatabaseUrl(envFor(dataDir)) as string);
    expect(url.port).toBe('54321');
    expect(url.pathname).toBe('/mediawatch');
    expect(decodeURIComponent(url.password)).toBe('p/w+x');
    // A pid no process holds: the cluster is not running.
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), `999999999\n${dataDir}\n1700000000\n54321\n`);
    expect(runningDatabaseUrl(envFor(dataDir))).toBeUndefined();
  });
});
