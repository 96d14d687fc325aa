#!/usr/bin/env node
// Fails when a test is left focused or skipped (.only, .skip, xit, xdescribe, fit, fdescribe), in any tier.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pattern = /\b(?:(?:it|test|describe)\.(?:only|skip|todo)|xit|xtest|xdescribe|fit|fdescribe)\s*\(/;
const testFile = /\.(spec|integration-spec|e2e-spec|test)\.[cm]?[jt]sx?$/;
const offenders = [];

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.nx', '.git', 'data'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (testFile.test(entry.name)) {
      fs.readFileSync(full, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (pattern.test(line)) offenders.push(`${path.relative(root, full)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
}

walk(root);
if (offenders.length > 0) {
  console.error(`Focused or skipped tests found:\n${offenders.join('\n')}`);
  process.exit(1);
}
console.error('no focused or skipped tests');
