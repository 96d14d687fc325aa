import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// The repository itself must hold no focused or skipped test: this runs the same check as `npm run lint`.
describe('focused/skipped test check', () => {
  it('finds none in the repository', () => {
    const script = path.join(__dirname, 'check-focused-tests.cjs');
    expect(() => execFileSync(process.execPath, [script], { stdio: 'pipe' })).not.toThrow();
  });
});
