/**
 * Old coverage (issue 13), the whole path against real PostgreSQL and the fixture feed server: a source added late on
 * a Saturday evening whose feed still holds a nine-day-old S1 story (a pupil's death). The story is recorded and opens
 * a ticket, but with a working-hours clock: no 15-minute acknowledgement deadline, no urgent notification in quiet
 * hours, and no escalation at 01:06 on the Sunday; the chain starts on Monday morning. A fresh S1 story from the same
 * source, for contrast, gets the 15-minute clock. Schedules are off; time is a FixedClock moved by the test.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock/clock';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { EscalationFlow } from '../src/modules/incidents/flows/escalation.flow';
import { IncidentIntakeFlow } from '../src/modules/incidents/flows/intake.flow';
import {
  loadFixtureFeedServer,
  type FixtureFeedServer,
} from '../src/modules/sources/fetch/fixture-feed-server.testing';
import { SourcePollerService } from '../src/modules/sources/source-poller.service';
import { createPerson } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const { startFixtureFeedServer } = loadFixtureFeedServer();
const PHAN_TAY_HO = '79764507';
const MINUTE = 60_000;
/** A wall-clock time in Ho Chi Minh City as an instant. */
const local = (iso: string): Date => new Date(`${iso}+07:00`);
const SATURDAY_EVENING = local('2026-03-07T22:51:00');
const SUNDAY_0106 = local('2026-03-08T01:06:00');
const MONDAY_0730 = local('2026-03-09T07:30:00');

function rss(items: { title: string; summary: string; link: string; published: Date }[]): string {
  const entries = items
    .map(
      (i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.link}</guid>
        <description>${i.summary}</description><pubDate>${i.published.toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Mới Thêm</title>
    <link>https://baomoithem.example.vn</link><description>Tin giáo dục</description>${entries}</channel></rss>`;
}

describe('old coverage from a new source (real PostgreSQL, fixture feed server)', () => {
  let t: TestApp;
  let ds: DataSource;
  let feeds: FixtureFeedServer;
  const clock = new FixedClock(SATURDAY_EVENING);

  beforeAll(async () => {
    feeds = await startFixtureFeedServer();
    t = await startTestApp(
      { MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1', MW_SEED_SOURCES: 'false', SMTP_URL: 'smtp://127.0.0.1:2525' },
      { clock },
    );
    ds = t.db.dataSource;
    // The people the chain would wake: the school's spokesperson and principal, the office, leadership.
    await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: PHAN_TAY_HO }] });
    await createPerson(ds, { roles: [{ role: 'principal', unitCode: PHAN_TAY_HO }] });
    await createPerson(ds, { roles: [{ role: 'office_spokesperson' }] });
    await createPerson(ds, { roles: [{ role: 'leader' }] });
    // A running install: the intake has swept before the source is added.
    await t.app.get(IncidentIntakeFlow).sweep();
  });
  afterAll(async () => {
    await t?.close();
    await feeds?.close();
  });

  async function ticketOf(titleStart: string): Promise<{ id: string; severity: string; opened_at: Date }> {
    const rows: { id: string; severity: string; opened_at: Date }[] = await ds.query(
      `SELECT i.id, i.severity, i.opened_at FROM incident i JOIN incident_mention m ON m.incident_id = i.id
       WHERE m.title LIKE $1`,
      [`${titleStart}%`],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  async function ticketCount(): Promise<number> {
    const rows: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM incident`);
    return rows[0]!.n;
  }

  async function clocksOf(id: string): Promise<{ ack_due_at: Date; next_step_at: Date | null; level: number }> {
    const rows: { ack_due_at: Date; next_step_at: Date | null; level: number }[] = await ds.query(
      `SELECT ack_due_at, next_step_at, level FROM escalation_state WHERE incident_id = $1`,
      [id],
    );
    return rows[0]!;
  }

  it('records a nine-day-old S1 story and tickets it, without an urgent clock or a night-time escalation', async () => {
    const old = 'Nam sinh Trường THCS Phan Tây Hồ (Gò Vấp) tử vong sau khi bị bạn đánh';
    const fresh = 'Nữ sinh lớp 10 Trường THPT Gò Vấp bị xâm hại, phụ huynh tố cáo';
    const path = `/feeds/late-${randomUUID()}.rss`;
    feeds.setFeed(
      path,
      rss([
        {
          title: old,
          summary:
            'Em học sinh lớp 8 Trường THCS Phan Tây Hồ, quận Gò Vấp, đã tử vong ở bệnh viện sau khi bị nhóm bạn ' +
            'đánh hội đồng trong giờ ra chơi.',
          link: 'https://baomoithem.example.vn/nam-sinh-tu-vong-1',
          published: new Date(SATURDAY_EVENING.getTime() - 9 * 24 * 60 * MINUTE),
        },
        {
          title: fresh,
          summary: 'Phụ huynh tố cáo một nữ sinh lớp 10 Trường THPT Gò Vấp bị thầy giáo xâm hại tình dục.',
          link: 'https://baomoithem.example.vn/nu-sinh-2',
          published: new Date(SATURDAY_EVENING.getTime() - 20 * MINUTE),
        },
      ]),
      { 'content-type': 'application/rss+xml; charset=utf-8' },
    );
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO source (name, outlet, url, kind, interval_minutes, settings, next_poll_at)
       VALUES ('Báo Mới Thêm', 'Báo Mới Thêm', $1, 'rss', 15, $2, now()) RETURNING id`,
      [`${feeds.url}${path}`, { fetchArticles: false }],
    );
    expect(await t.app.get(SourcePollerService).pollNow(rows[0]!.id)).toMatchObject({ ok: true, itemsStored: 2 });
    expect(await t.app.get(AnalysisService).analysePending()).toMatchObject({ analysed: 2 });
    // The analysis's mention.stored event wakes the intake too: sweep, then wait for whichever sweep took them.
    await t.app.get(IncidentIntakeFlow).sweep();
    for (let i = 0; i < 100 && (await ticketCount()) < 2; i++) await new Promise((r) => setTimeout(r, 30));

    const oldTicket = await ticketOf(old);
    expect(oldTicket.severity).toBe('S1');
    const oldClocks = await clocksOf(oldTicket.id);
    // Not 15 minutes after opening: due on Monday morning, inside working hours.
    expect(oldClocks.ack_due_at.getTime() - oldTicket.opened_at.getTime()).toBeGreaterThan(15 * MINUTE);
    expect(oldClocks.ack_due_at.getTime()).toBeGreaterThanOrEqual(MONDAY_0730.getTime());
    // Its opening notifications are not urgent: e-mail waits for the end of quiet hours.
    const urgent: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM notification WHERE incident_id = $1 AND urgent`,
      [oldTicket.id],
    );
    expect(urgent[0]!.n).toBe(0);

    // The fresh story from the same source keeps its 15-minute clock.
    const freshTicket = await ticketOf(fresh);
    expect(freshTicket.severity).toBe('S1');
    const freshClocks = await clocksOf(freshTicket.id);
    expect(freshClocks.ack_due_at.getTime() - freshTicket.opened_at.getTime()).toBe(15 * MINUTE);

    // 01:06 on the Sunday: the fresh S1 escalates, the old coverage does not.
    clock.set(SUNDAY_0106);
    await t.app.get(EscalationFlow).runDue();
    const steps = async (id: string): Promise<number> => {
      const r: { n: number }[] = await ds.query(
        `SELECT count(*)::int AS n FROM escalation_step WHERE incident_id = $1 AND kind <> 'opened'`,
        [id],
      );
      return r[0]!.n;
    };
    expect(await steps(freshTicket.id)).toBeGreaterThan(0);
    expect(await steps(oldTicket.id)).toBe(0);
    expect((await clocksOf(oldTicket.id)).level).toBe(1);

    // Monday 07:30, the next working morning: the old coverage's chain starts.
    clock.set(new Date(Math.max(MONDAY_0730.getTime(), oldClocks.ack_due_at.getTime()) + MINUTE));
    await t.app.get(EscalationFlow).runDue();
    expect(await steps(oldTicket.id)).toBeGreaterThan(0);
  });
});
