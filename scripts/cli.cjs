#!/usr/bin/env node
// Runs the operator CLI from the compiled server, building it first (output to stderr) when missing or stale,
// so `npm run -s cli -- <command>` works right after `npm ci` and keeps stdout for the command's output.
const { ensureServerBuilt, entry } = require('./build-server.cjs');

ensureServerBuilt('the server for the CLI');
require(entry);
