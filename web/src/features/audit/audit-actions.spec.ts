/// <reference types="jest" />
/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import { ENTITY_TYPES, KNOWN_ACTIONS } from './audit-actions';

/** Every non-test TypeScript source of the server. */
function serverSources(dir = join(__dirname, '../../../../server/src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

function literals(sources: string[], key: string): Set<string> {
  const found = new Set<string>();
  const pattern = new RegExp(`\\b${key}: '([a-z_]+(?:\\.[a-z_]+)*)'`, 'g');
  for (const text of sources) for (const match of text.matchAll(pattern)) found.add(match[1]!);
  return found;
}

describe('audit actions on the audit page', () => {
  const sources = serverSources();

  it('lists every action and entity type the server writes to the audit log', () => {
    const actions = literals(sources, 'action');
    expect(actions.size).toBeGreaterThan(10);
    expect([...actions].filter((a) => !(KNOWN_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    const entities = literals(sources, 'entityType');
    expect(entities.size).toBeGreaterThan(3);
    expect([...entities].filter((e) => !(ENTITY_TYPES as readonly string[]).includes(e))).toEqual([]);
  });

  it('labels every known action and entity type in Vietnamese and English', () => {
    const keys = [...KNOWN_ACTIONS.map((a) => `auditAction.${a}`), ...ENTITY_TYPES.map((e) => `auditEntity.${e}`)];
    const has = (messages: Record<string, string>) => keys.filter((k) => !messages[k]);
    expect(has(vi)).toEqual([]);
    expect(has(en)).toEqual([]);
  });
});
