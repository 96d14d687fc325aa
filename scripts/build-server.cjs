// Builds the shared package and the server (output to stderr) when server/dist is missing or older than the sources:
// used by the CLI and the pipeline bench, which run the compiled server.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'server/dist/cli/main.js');

function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    for (const item of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, item.name);
      if (item.isDirectory()) stack.push(full);
      else if (/\.(ts|json|csv)$/.test(item.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function stale() {
  if (!fs.existsSync(entry)) return true;
  const built = fs.statSync(entry).mtimeMs;
  return newestMtime(path.join(root, 'server/src')) > built || newestMtime(path.join(root, 'shared/src')) > built;
}

/** Builds the shared package and the server with nx, output to `stdio`; returns the exit status. */
function buildServer(stdio) {
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('nx/bin/nx.js'),
      'run-many',
      '-t',
      'build',
      '--projects=@mw/shared,@mw/server',
      '--output-style=static',
    ],
    { cwd: root, stdio, env: { ...process.env, NX_DAEMON: 'false' } },
  );
  return result.status ?? 1;
}

/** Builds when stale; exits the process with an error line when the build fails. */
function ensureServerBuilt(what = 'the server') {
  if (!stale()) return;
  if (buildServer(['ignore', process.stderr, process.stderr]) !== 0) {
    process.stderr.write(`error: could not build ${what} (see above)\n`);
    process.exit(1);
  }
  // tsc keeps old mtimes for unchanged outputs; mark the entry as fresh.
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

module.exports = { buildServer, ensureServerBuilt, entry };
