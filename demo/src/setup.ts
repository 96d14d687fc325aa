/**
 * Sets the demo up through the product's own API, as an administrator would in the dashboard: the people of the
 * network, the demo's sources (the outlets on 127.0.0.1), and deadlines shortened so a week's escalation fits in a
 * few minutes. Nothing is written to the database behind the API. Safe to run again on kept data (--keep).
 */
import { ApiError, type ApiSession } from './api';
import { TINGOVAP_SELECTORS } from './feeds';
import type { DemoPerson } from './people';
import { OUTLETS, type DemoOutlet } from './script';

/** How often the demo's sources are read: each outlet every few seconds instead of every quarter of an hour. */
export const DEMO_POLL_SECONDS = 4;

/**
 * Shortened deadlines (minutes): acknowledge within a minute, then one escalation level per minute. The product's
 * defaults are hours (S1: 6 hours for a first answer to the press); the demo says so when it starts.
 */
export const DEMO_DEADLINES = {
  S1: { ackMinutes: 1, respondMinutes: 4, escalateEveryMinutes: 1 },
  S2: { ackMinutes: 1, respondMinutes: 6, escalateEveryMinutes: 1 },
  S3: { ackMinutes: 1, respondMinutes: 10, escalateEveryMinutes: 1 },
  S4: { ackMinutes: 2, respondMinutes: null, escalateEveryMinutes: 2 },
} as const;

async function ignoreConflict(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return false;
    throw error;
  }
}

export async function createPeople(admin: ApiSession, people: readonly DemoPerson[], password: string): Promise<void> {
  for (const p of people) {
    await ignoreConflict(() =>
      admin.call('POST', '/people', {
        name: p.name,
        email: p.email,
        password,
        roles: [{ role: p.role, unitCode: p.unitCode }],
      }),
    );
  }
}

export async function shortenDeadlines(admin: ApiSession): Promise<void> {
  for (const [code, deadlines] of Object.entries(DEMO_DEADLINES)) {
    await admin.call('PATCH', `/severity-levels/${code}`, {
      ...deadlines,
      workingDaysOnly: false,
      ignoresQuietHours: true,
    });
  }
  // The demo may run on a Sunday night: every day is a working day and nothing waits for the morning.
  await admin.call('PATCH', '/escalation/settings', { workingDays: [1, 2, 3, 4, 5, 6, 7], quietHours: null });
}

export function sourceBody(outlet: DemoOutlet, url: string): Record<string, unknown> {
  return {
    name: outlet.name,
    outlet: outlet.outlet,
    url,
    kind: outlet.kind,
    reachWeight: outlet.reachWeight,
    ...(outlet.unitCode ? { unitCode: outlet.unitCode } : {}),
    settings: {
      intervalSeconds: DEMO_POLL_SECONDS,
      ...(outlet.kind === 'html' ? { selectors: TINGOVAP_SELECTORS } : {}),
      ...(outlet.queries ? { queries: outlet.queries } : {}),
    },
  };
}

/** Registers the outlets as sources; on kept data, points the existing ones at this run's feed server. */
export async function registerSources(admin: ApiSession, feedUrl: (o: DemoOutlet) => string): Promise<void> {
  const existing = await admin.get<{ id: string; name: string }[]>('/sources');
  for (const outlet of OUTLETS) {
    const body = sourceBody(outlet, feedUrl(outlet));
    const found = existing.find((s) => s.name === outlet.name);
    if (found) await admin.call('PATCH', `/sources/${found.id}`, { url: body.url, enabled: true });
    else await admin.call('POST', '/sources', body);
  }
}
