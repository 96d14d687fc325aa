#!/usr/bin/env node
// `npm run dev`: the API server (compiled, on PORT or 3000) and Vite's dev server with its proxy to it.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { buildServer } = require('./build-server.cjs');

const root = path.resolve(__dirname, '..');
const status = buildServer('inherit');
if (status !== 0) process.exit(status);

const apiPort = process.env.PORT ?? '3000';
// vite does not export its bin path; resolve it next to its package.json before anything is started.
const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const children = [
  spawn(process.execPath, ['server/dist/main.js'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, MW_WEB_DIST: '' },
  }),
  spawn(process.execPath, [viteBin], {
    cwd: path.join(root, 'web'),
    stdio: 'inherit',
    env: { ...process.env, MW_API_PORT: apiPort },
  }),
];
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) child.on('exit', () => stop('SIGTERM'));
