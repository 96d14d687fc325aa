import type { EntityManager } from 'typeorm';
import { appendTimeline } from './incident-timeline';

/** Only `query` is used by appendTimeline; the calls are kept to see what would be written. */
function recordingManager(): { manager: EntityManager; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const manager = {
    query: (sql: string, params: unknown[]) => {
      calls.push([sql, params]);
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { manager, calls };
}

describe('appendTimeline', () => {
  const at = new Date('2026-03-02T03:00:00Z');

  it.each([
    ['opened_manual', 'opened'],
    ['status_changed_via', 'status_changed'],
    ['severity_raised', 'severity_changed'],
    ['merged_from', 'merged'],
    ['false_match', 'correction'],
  ] as const)('stores a %s entry under the kind %s derived from its code', async (code, kind) => {
    const { manager, calls } = recordingManager();
    await appendTimeline(manager, {
      incidentId: 'i-1',
      at,
      actorId: null,
      message: { code, params: { from: 'new', to: 'acknowledged', via: 'zalo', number: '7', count: 2, title: 'T' } },
      data: { extra: 1 },
    });
    expect(calls).toHaveLength(1);
    const [sql, params] = calls[0] as [string, unknown[]];
    expect(sql).toMatch(/INSERT INTO incident_timeline \(incident_id, at, kind, actor_id, summary, data\)/);
    expect(params[0]).toBe('i-1');
    expect(params[1]).toBe(at);
    expect(params[2]).toBe(kind);
    expect(params[3]).toBeNull();
    expect(JSON.parse(params[5] as string)).toMatchObject({ extra: 1, message: { code } });
  });

  it('ignores a kind slipped in by an untyped caller and stores the one its code gives', async () => {
    const { manager, calls } = recordingManager();
    await appendTimeline(manager, {
      incidentId: 'i-1',
      at,
      actorId: 'p-1',
      // @ts-expect-error -- the kind follows from the code; a caller can no longer state it
      kind: 'comment',
      message: { code: 'assigned', params: { count: 1 } },
    });
    expect((calls[0] as [string, unknown[]])[1][2]).toBe('assigned');
  });
});
