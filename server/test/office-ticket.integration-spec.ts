/**
 * District-level news with no school named (issue 13): "một trường THCS ở Gò Vấp" opens a ticket for the office
 * (unit GV-OFFICE), assigned to the office spokesperson, and its escalation chain runs like any other. Real
 * PostgreSQL; the item goes through analysis and the intake; time is a FixedClock; runDue is called by hand.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock/clock';
import { AnalysisService } from '../src/modules/analysis/analysis.service';
import { EscalationFlow } from '../src/modules/incidents/flows/escalation.flow';
import { IncidentIntakeFlow } from '../src/modules/incidents/flows/intake.flow';
import { createPerson, type PersonRow } from './factories/person.factory';
import { startTestApp, type TestApp } from './harness/test-app';

const OFFICE = 'GV-OFFICE';
const MINUTE = 60_000;
const local = (iso: string): Date => new Date(`${iso}+07:00`);
const TUESDAY_MORNING = local('2026-03-10T09:00:00');

describe('a district-level incident with no school named (real PostgreSQL)', () => {
  let t: TestApp;
  let ds: DataSource;
  let officeSpokes: PersonRow;
  let steering: PersonRow;
  let leader: PersonRow;
  const clock = new FixedClock(TUESDAY_MORNING);

  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:2525' }, { clock });
    ds = t.db.dataSource;
    officeSpokes = await createPerson(ds, { roles: [{ role: 'office_spokesperson' }] });
    steering = await createPerson(ds, { roles: [{ role: 'steering_member' }] });
    leader = await createPerson(ds, { roles: [{ role: 'leader' }] });
    await t.app.get(IncidentIntakeFlow).sweep();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a ticket for the office, assigns its spokesperson and escalates it', async () => {
    const source: { id: string }[] = await ds.query(
      `INSERT INTO source (name, outlet, url, kind) VALUES ('Tuổi Trẻ', 'Tuổi Trẻ', $1, 'rss') RETURNING id`,
      [`https://${randomUUID()}.example.vn/rss`],
    );
    const key = randomUUID();
    await ds.query(
      `INSERT INTO feed_item (source_id, dedup_key, canonical_url, url, title, summary, outlet, published_at, fetched_at,
         content_hash) VALUES ($1, $2, $3, $3, $4, $5, 'Tuổi Trẻ', $6, $6, $2)`,
      [
        source[0]!.id,
        key,
        `https://tuoitre.example.vn/${key}`,
        'Học sinh đánh nhau ở một trường THCS tại Gò Vấp, clip lan truyền trên mạng',
        'Một nữ sinh lớp 7 ở một trường THCS tại quận Gò Vấp bị nhóm bạn đánh, clip được chia sẻ trên mạng xã hội.',
        new Date(TUESDAY_MORNING.getTime() - 30 * MINUTE),
      ],
    );
    expect(await t.app.get(AnalysisService).analysePending()).toMatchObject({ analysed: 1 });
    const mention: { unit_codes: string[]; incident: boolean; units: { evidence: string[] }[] }[] = await ds.query(
      `SELECT unit_codes, incident, units FROM mention WHERE title LIKE 'Học sinh đánh nhau ở một trường THCS%'`,
    );
    expect(mention[0]).toMatchObject({ unit_codes: [OFFICE], incident: true });
    expect(mention[0]!.units[0]!.evidence[0]).toMatch(/không nêu tên trường/);

    await t.app.get(IncidentIntakeFlow).sweep();
    let tickets: { id: string; severity: string }[] = [];
    for (let i = 0; i < 100 && tickets.length === 0; i++) {
      tickets = await ds.query(
        `SELECT i.id, i.severity FROM incident i JOIN incident_unit u ON u.incident_id = i.id WHERE u.unit_code = $1`,
        [OFFICE],
      );
      if (tickets.length === 0) await new Promise((r) => setTimeout(r, 30));
    }
    expect(tickets).toHaveLength(1);
    const ticket = tickets[0]!;
    const assignees: { person_id: string }[] = await ds.query(
      `SELECT person_id FROM incident_assignment WHERE incident_id = $1`,
      [ticket.id],
    );
    expect(assignees.map((a) => a.person_id)).toEqual([officeSpokes.id]);
    // Somebody is reachable for the office: the ticket starts at level 1, not straight at the top.
    const state: { level: number; ack_due_at: Date }[] = await ds.query(
      `SELECT level, ack_due_at FROM escalation_state WHERE incident_id = $1`,
      [ticket.id],
    );
    expect(state[0]!.level).toBe(1);

    // Nobody acknowledges: past the deadline the chain moves on to the office's committee, then leadership.
    clock.set(new Date(state[0]!.ack_due_at.getTime() + MINUTE));
    expect((await t.app.get(EscalationFlow).runDue()).steps).toBeGreaterThan(0);
    const steps: { level: number; recipient_ids: string[] }[] = await ds.query(
      `SELECT level, recipient_ids FROM escalation_step WHERE incident_id = $1 AND kind = 'escalated' ORDER BY level`,
      [ticket.id],
    );
    expect(steps.length).toBeGreaterThan(0);
    const told = steps.flatMap((s) => s.recipient_ids);
    expect(told.some((id) => id === steering.id || id === leader.id)).toBe(true);
  });
});
