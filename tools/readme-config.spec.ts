import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENV_SCHEMA } from '../server/src/config/env.schema';

// The README documents every variable the server reads; regenerate its table with `node tools/print-config.cjs`.
describe('README configuration table', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

  // The table as print-config.cjs writes it, or as Prettier pads it (`npm run format` reformats Markdown tables).
  const rows = new Set([...readme.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((m) => m[1]));

  it.each(Object.keys(ENV_SCHEMA))('documents %s', (name) => {
    expect(rows).toContain(name);
  });

  it('starts with the two commands a new user runs', () => {
    const head = readme.split('\n').slice(0, 20).join('\n');
    expect(head).toContain('npm ci && npm start');
    expect(head).toContain('npm ci && npm test');
  });
});
