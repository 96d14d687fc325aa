/**
 * Entry of `npm run demo [-- --keep]`. Contract used by external checks: PORT sets the port (default 3000); the demo
 * prints the dashboard URL and one line per demo person (e-mail | password | role | unit | name); the password is
 * MW_DEMO_PASSWORD or demo-govap-2026; ./data/demo is wiped at start unless --keep (MW_DEMO_DIR names another folder);
 * Ctrl-C (SIGINT) or SIGTERM stops everything it started, the embedded PostgreSQL included.
 */
import * as path from 'node:path';
import { startDemo, type RunningDemo } from './demo';
import { DEFAULT_DEMO_PASSWORD } from './people';

const ROOT = path.resolve(__dirname, '..', '..');
const out = (line: string) => void process.stdout.write(`${line}\n`);
const fail = (message: string) => void process.stderr.write(`error: ${message}\n`);

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be a port number (got "${value}")`);
  return port;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--keep');
  if (unknown.length > 0) {
    fail(`unknown argument ${unknown[0]}; usage: npm run demo [-- --keep]`);
    return 2;
  }
  let demo: RunningDemo | undefined;
  let stopping = false;
  const starting = new AbortController();
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const shutdown = (signal: string) => {
    if (stopping) {
      out(`(${signal} again: still stopping the server and its database…)`);
      return;
    }
    stopping = true;
    out('');
    out(`${signal}: stopping the server, its database, the outlets and the mail catcher…`);
    if (!demo) {
      // Still starting: startDemo sees the abort, stops what it started and throws.
      starting.abort();
      return;
    }
    void demo.stop().then(
      () => {
        out('Stopped. Nothing of the demo is left running.');
        finish(0);
      },
      (error: unknown) => {
        fail(`while stopping: ${String(error)}`);
        finish(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('Ctrl-C'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));

  try {
    const password = process.env.MW_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
    demo = await startDemo({
      root: ROOT,
      port: parsePort(process.env.PORT),
      dataDir: path.resolve(ROOT, process.env.MW_DEMO_DIR || path.join('data', 'demo')),
      keep: args.includes('--keep'),
      password,
      out,
      signal: starting.signal,
    });
  } catch (error) {
    if (starting.signal.aborted) {
      out('Stopped. Nothing of the demo is left running.');
      return 0;
    }
    fail(error instanceof Error ? error.message : String(error));
    return 1;
  }
  void demo.serverExited.then((code) => {
    if (stopping) return;
    stopping = true;
    fail(`the server stopped on its own (exit code ${code}); see its log in the demo's folder`);
    void demo!.stop().finally(() => finish(1));
  });
  return finished;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    fail(String(error));
    process.exit(1);
  },
);
