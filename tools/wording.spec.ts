/**
 * One word for escalation in Vietnamese: "chuyển cấp", as the office's plan and the e-mails say it. "Vượt cấp" means
 * going over someone's head, which is not what the chain does; it must not come back in the dashboard, the reports,
 * the e-mails or the docs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportWords } from '../shared/src/contracts/report-text';
import { en } from '../web/src/i18n/en';
import { vi } from '../web/src/i18n/vi';

const ROOT = path.resolve(__dirname, '..');
const SCANNED = ['shared/src', 'server/src', 'web/src', 'web/public', 'demo/src', 'docs', 'README.md'];

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? files(path.join(entry, d.name)) : [path.join(full, d.name)]))
    .filter((f) => /\.(ts|tsx|md|html|js|json|webmanifest)$/.test(f) && !f.endsWith('wording.spec.ts'));
}

describe('escalation wording', () => {
  it('never says "vượt cấp" in any text the product or its docs show', () => {
    const found = SCANNED.flatMap(files).filter((f) => /vượt cấp/i.test(fs.readFileSync(f, 'utf8').normalize('NFC')));
    expect(found.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('says "chuyển cấp" for escalation in the dashboard and the report, "escalat…" in English', () => {
    for (const key of [
      'incident.escalationLevel',
      'timeline.escalated',
      'nav.escalation',
      'report.escalations',
    ] as const) {
      expect(vi[key].toLowerCase()).toContain('chuyển cấp');
      expect(en[key].toLowerCase()).toContain('escalat');
    }
    expect((reportWords('vi').text.escalations as string).toLowerCase()).toContain('chuyển cấp');
    expect((reportWords('en').text.escalations as string).toLowerCase()).toContain('escalat');
  });
});
