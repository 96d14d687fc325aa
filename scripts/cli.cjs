#!/usr/bin/env node
// Runs the operator CLI from the compiled server, building it first (output to stderr) when missing or stale,
// so `npm run -s cli -- <command>` works right after `npm ci` and keeps stdout for the command's output.
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
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (/\.(ts|json|csv)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function stale() {
  if (!fs.existsSync(entry)) return true;
  const built = fs.statSync(entry).mtimeMs;
  return newestMtime(path.join(root, 'server/src')) > built || newestMtime(path.join(root, 'shared/src')) > built;
}

if (stale()) {
  const result = spawnSync(
    process.execPath,
    [require.resolve('nx/bin/nx.js'), 'run-many', '-t', 'build', '--projects=@mw/shared,@mw/server', '--output-style=static'],
    { cwd: root, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (result.status !== 0) {
    process.stderr.write('error: could not build the server for the CLI (see above)\n');
    process.exit(1);
  }
  // tsc keeps old mtimes for unchanged outputs; mark the entry as fresh.
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

require(entry);
