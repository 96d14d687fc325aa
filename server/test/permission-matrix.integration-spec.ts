/**
 * Calls every route of the application as every role (unit roles held at school A), as a person with no role, and
 * with no token, an expired token, a tampered token, a token signed with another secret, an unsigned one and a
 * refresh token, and checks the status. The table states who may call each route; a test compares that with the
 * route's decorator, so a changed @Roles/@Authenticated/@Public fails here, and a route missing from the table fails
 * too. Allowed callers get the row's exact status: the matrix probes the guard, so writes use empty bodies or
 * random ids and stop at validation (400) or lookup (404), never at 401/403. Rows marked `scope` narrow a
 * route to the units a caller may see (school A's principal asking for school B's source, mention or incident).
 */
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@mw/shared';
import { listRouteAccess } from '../src/common/auth/route-access';
import { bearer, call, tokenFor } from './factories/auth.factory';
import { createMention, createSource, MentionRow } from './factories/mention.factory';
import { createPerson, PersonRow } from './factories/person.factory';
import { assignRole } from './factories/role.factory';
import { startTestApp, TestApp } from './harness/test-app';

const SECRET = 's'.repeat(48);
const SCHOOL_A = '79000724';
const SCHOOL_B = '79000725';
const SCHOOL_C = '79000748';

type Subject = Role | 'no_role';
const SUBJECTS: Subject[] = [...ROLES, 'no_role'];
const OFFICE: Subject[] = ['admin', 'office_spokesperson', 'leader', 'steering_member'];
const UNIT: Subject[] = ['unit_spokesperson', 'unit_web_admin', 'principal'];
const SIGNED_IN: Subject[] = SUBJECTS;
const ANY_ROLE: Subject[] = [...OFFICE, ...UNIT];
const ADMIN: Subject[] = ['admin'];
/** Who handles, opens and publishes incidents: stated here, not imported, so a change in the server shows up. */
const INCIDENT_HANDLERS: Subject[] = ['admin', 'office_spokesperson', 'leader', 'unit_spokesperson', 'principal'];
const INCIDENT_OPENERS: Subject[] = ['admin', 'office_spokesperson', 'leader', 'unit_spokesperson'];
const APPROVERS: Subject[] = ['admin', 'leader'];
const GOOD_NEWS_ACTORS: Subject[] = [...INCIDENT_HANDLERS, 'unit_web_admin'];
const ESCALATION_READERS: Subject[] = OFFICE;

interface RouteCase {
  /** `METHOD path` as Nest declares it, to check the matrix covers every route. */
  route: string;
  label?: string;
  url: () => string;
  body?: () => unknown;
  /** Who gets through: the route's decorator, or less on `scope` rows. 'public' routes ignore tokens. */
  allowed: Subject[] | 'public';
  /** Answer for allowed callers (for everyone on public routes): 2xx, or 400/404 where an empty body or id stops it. */
  status: number;
  /** The row narrows the decorator by unit scope: callers the decorator admits but `allowed` omits get `denied`. */
  scope?: boolean;
  denied?: number;
}

/** Expected callers of a route from its decorator, in the vocabulary of the table. */
function callersOf(access: ReturnType<typeof listRouteAccess>[number]['access']): Subject[] | 'public' | 'nobody' {
  if (access === 'public') return 'public';
  if (access === 'none') return 'nobody';
  if (access.kind === 'authenticated') return SIGNED_IN;
  return SUBJECTS.filter((s) => s !== 'no_role' && access.roles.includes(s));
}

function sameCallers(a: Subject[] | 'public' | 'nobody', b: Subject[] | 'public'): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return [...a].sort().join() === [...b].sort().join();
}

/** Status only: some public pages answer HTML, which `call` would try to parse. */
async function statusOf(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<number> {
  const res = await fetch(`${baseUrl}/api/${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? bearer(token) : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  await res.arrayBuffer();
  return res.status;
}

describe('permission matrix (real PostgreSQL)', () => {
  let t: TestApp;
  const people = new Map<Subject, PersonRow>();
  const tokens = new Map<Subject, string>();
  const declared = new Map<string, Subject[] | 'public' | 'nobody'>();
  let target: PersonRow;
  let renounceable: string;
  let counter = 0;
  let sourceA: string;
  let sourceB: string;
  let mentionA: MentionRow;
  let mentionB: MentionRow;
  let incidentA: string;
  let incidentB: string;
  /** A well-formed id that names nothing, for writes that must stop at lookup. */
  const nothing = randomUUID();

  beforeAll(async () => {
    t = await startTestApp({ MW_JWT_SECRET: SECRET, MW_SEED_SOURCES: 'false' });
    const ds = t.db.dataSource;
    for (const subject of SUBJECTS) {
      const roles =
        subject === 'no_role' ? [] : [{ role: subject, unitCode: UNIT.includes(subject) ? SCHOOL_A : undefined }];
      const person = await createPerson(ds, { roles });
      people.set(subject, person);
      tokens.set(subject, tokenFor(t.app, person.id));
    }
    target = await createPerson(ds);
    renounceable = await assignRole(ds, target.id, 'principal', SCHOOL_C);
    for (const r of listRouteAccess(t.app)) declared.set(`${r.method} ${r.path}`, callersOf(r.access));

    sourceA = await createSource(ds, { unitCode: SCHOOL_A, outlet: 'Trang trường A' });
    sourceB = await createSource(ds, { unitCode: SCHOOL_B, outlet: 'Trang trường B' });
    const press = await createSource(ds);
    mentionA = await createMention(ds, { sourceId: press, unitCodes: [SCHOOL_A] });
    mentionB = await createMention(ds, { sourceId: press, unitCodes: [SCHOOL_B] });
    const open = async (unitCode: string): Promise<string> => {
      const res = await call<{ id: string }>(t.baseUrl, 'POST', 'incidents', {
        token: tokens.get('admin'),
        body: { title: `Sự cố thử ${unitCode}`, unitCodes: [unitCode] },
      });
      if (res.status !== 201) throw new Error(`opening an incident answered ${res.status}`);
      return res.body.id;
    };
    incidentA = await open(SCHOOL_A);
    incidentB = await open(SCHOOL_B);
  });
  afterAll(async () => {
    await t.close();
  });

  const unique = () => `${Date.now().toString(36)}${counter++}`;
  const cases: RouteCase[] = [
    { route: 'GET health', url: () => 'health', allowed: 'public', status: 200 },
    { route: 'GET metrics', url: () => 'metrics', allowed: OFFICE, status: 200 },
    { route: 'POST auth/login', url: () => 'auth/login', body: () => ({}), allowed: 'public', status: 400 },
    { route: 'POST auth/refresh', url: () => 'auth/refresh', body: () => ({}), allowed: 'public', status: 400 },
    { route: 'POST auth/logout', url: () => 'auth/logout', body: () => ({}), allowed: SIGNED_IN, status: 204 },
    {
      route: 'POST auth/change-password',
      label: 'wrong current password',
      url: () => 'auth/change-password',
      body: () => ({ currentPassword: 'not-the-password', newPassword: 'whatever-new-password' }),
      allowed: SIGNED_IN,
      status: 400,
    },
    { route: 'GET me', url: () => 'me', allowed: SIGNED_IN, status: 200 },
    {
      route: 'PATCH me/preferences',
      url: () => 'me/preferences',
      body: () => ({ channels: ['in_app', 'email'] }),
      allowed: SIGNED_IN,
      status: 200,
    },
    { route: 'GET people', url: () => 'people', allowed: ['admin'], status: 200 },
    {
      route: 'POST people',
      url: () => 'people',
      body: () => ({ name: 'Người mới', email: `new-${unique()}@govap.test` }),
      allowed: ['admin'],
      status: 201,
    },
    { route: 'GET people/:id', url: () => `people/${target.id}`, allowed: ['admin'], status: 200 },
    {
      route: 'PATCH people/:id',
      url: () => `people/${target.id}`,
      body: () => ({ phone: '0909000000' }),
      allowed: ['admin'],
      status: 200,
    },
    {
      route: 'POST people/:id/roles',
      url: () => `people/${target.id}/roles`,
      body: () => ({ role: 'unit_web_admin', unitCode: SCHOOL_C }),
      allowed: ['admin'],
      status: 201,
    },
    {
      route: 'POST people/:id/roles/:assignmentId/renounce',
      url: () => `people/${target.id}/roles/${renounceable}/renounce`,
      allowed: ['admin'],
      status: 200,
    },
    {
      route: 'POST people/:id/reset-password',
      url: () => `people/${target.id}/reset-password`,
      body: () => ({ newPassword: 'reset-by-admin-1' }),
      allowed: ['admin'],
      status: 200,
    },
    { route: 'GET units', url: () => 'units', allowed: ANY_ROLE, status: 200 },
    {
      route: 'POST units',
      url: () => 'units',
      body: () => ({ code: `M-${unique()}`, name: 'Trường mới', level: 'MN' }),
      allowed: ['admin'],
      status: 201,
    },
    { route: 'GET units/:code', label: 'own school', url: () => `units/${SCHOOL_A}`, allowed: ANY_ROLE, status: 200 },
    {
      route: 'GET units/:code',
      label: 'other school',
      url: () => `units/${SCHOOL_B}`,
      allowed: OFFICE,
      status: 200,
      scope: true,
    },
    {
      route: 'GET units/:code/network',
      label: 'own school',
      url: () => `units/${SCHOOL_A}/network`,
      allowed: ANY_ROLE,
      status: 200,
    },
    {
      route: 'GET units/:code/network',
      label: 'other school',
      url: () => `units/${SCHOOL_B}/network`,
      allowed: OFFICE,
      status: 200,
      scope: true,
    },
    {
      route: 'PATCH units/:code',
      url: () => `units/${SCHOOL_A}`,
      body: () => ({ aliases: ['THPT Gò Vấp'] }),
      allowed: ['admin'],
      status: 200,
    },
    { route: 'GET organisation/gaps', url: () => 'organisation/gaps', allowed: OFFICE, status: 200 },
    { route: 'GET audit', url: () => 'audit', allowed: ['admin', 'leader'], status: 200 },

    // sources
    { route: 'GET sources', url: () => 'sources', allowed: ANY_ROLE, status: 200 },
    { route: 'POST sources', url: () => 'sources', body: () => ({}), allowed: ADMIN, status: 400 },
    { route: 'POST sources/test', url: () => 'sources/test', body: () => ({}), allowed: ADMIN, status: 400 },
    { route: 'GET sources/:id', label: 'own school', url: () => `sources/${sourceA}`, allowed: ANY_ROLE, status: 200 },
    {
      route: 'GET sources/:id',
      label: 'other school',
      url: () => `sources/${sourceB}`,
      allowed: OFFICE,
      status: 200,
      scope: true,
      denied: 404,
    },
    { route: 'PATCH sources/:id', url: () => `sources/${nothing}`, body: () => ({}), allowed: ADMIN, status: 404 },
    { route: 'POST sources/:id/poll', url: () => `sources/${nothing}/poll`, allowed: ADMIN, status: 404 },
    {
      route: 'GET sources/:id/items',
      label: 'own school',
      url: () => `sources/${sourceA}/items`,
      allowed: ANY_ROLE,
      status: 200,
    },
    {
      route: 'GET sources/:id/items',
      label: 'other school',
      url: () => `sources/${sourceB}/items`,
      allowed: OFFICE,
      status: 200,
      scope: true,
      denied: 404,
    },
    // analysis
    { route: 'GET mentions', url: () => 'mentions', allowed: ANY_ROLE, status: 200 },
    { route: 'GET mentions/outlets', url: () => 'mentions/outlets', allowed: ANY_ROLE, status: 200 },
    {
      route: 'GET mentions/:id',
      label: 'own school',
      url: () => `mentions/${mentionA.id}`,
      allowed: ANY_ROLE,
      status: 200,
    },
    {
      route: 'GET mentions/:id',
      label: 'other school',
      url: () => `mentions/${mentionB.id}`,
      allowed: OFFICE,
      status: 200,
      scope: true,
      denied: 404,
    },
    { route: 'GET stories', url: () => 'stories', allowed: ANY_ROLE, status: 200 },
    {
      route: 'GET stories/:id',
      label: 'own school',
      url: () => `stories/${mentionA.storyId}`,
      allowed: ANY_ROLE,
      status: 200,
    },
    {
      route: 'GET stories/:id',
      label: 'other school',
      url: () => `stories/${mentionB.storyId}`,
      allowed: OFFICE,
      status: 200,
      scope: true,
      denied: 404,
    },
    { route: 'POST analyze', url: () => 'analyze', body: () => ({}), allowed: ANY_ROLE, status: 400 },
    // incidents
    { route: 'GET incidents', url: () => 'incidents', allowed: ANY_ROLE, status: 200 },
    { route: 'POST incidents', url: () => 'incidents', body: () => ({}), allowed: INCIDENT_OPENERS, status: 400 },
    {
      route: 'GET incidents/:id',
      label: 'own school',
      url: () => `incidents/${incidentA}`,
      allowed: ANY_ROLE,
      status: 200,
    },
    {
      route: 'GET incidents/:id',
      label: 'other school',
      url: () => `incidents/${incidentB}`,
      allowed: OFFICE,
      status: 200,
      scope: true,
      denied: 404,
    },
    {
      route: 'POST incidents/:id/acknowledge',
      url: () => `incidents/${nothing}/acknowledge`,
      allowed: INCIDENT_HANDLERS,
      status: 404,
    },
    {
      route: 'POST incidents/:id/transition',
      url: () => `incidents/${nothing}/transition`,
      body: () => ({}),
      allowed: INCIDENT_HANDLERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/dismissal-proposal',
      url: () => `incidents/${nothing}/dismissal-proposal`,
      body: () => ({}),
      allowed: INCIDENT_HANDLERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/assign',
      url: () => `incidents/${nothing}/assign`,
      body: () => ({}),
      allowed: INCIDENT_OPENERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/comments',
      url: () => `incidents/${nothing}/comments`,
      body: () => ({ body: 'Ghi chú thử' }),
      allowed: ANY_ROLE,
      status: 404,
    },
    {
      route: 'POST incidents/:id/comments',
      label: 'other school',
      url: () => `incidents/${incidentB}/comments`,
      body: () => ({ body: 'Ghi chú thử' }),
      allowed: OFFICE,
      status: 201,
      scope: true,
      denied: 404,
    },
    {
      route: 'POST incidents/:id/tasks',
      url: () => `incidents/${nothing}/tasks`,
      body: () => ({}),
      allowed: INCIDENT_HANDLERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/tasks/:taskId/done',
      url: () => `incidents/${nothing}/tasks/${nothing}/done`,
      allowed: ANY_ROLE,
      status: 404,
    },
    {
      route: 'POST incidents/:id/responses',
      url: () => `incidents/${nothing}/responses`,
      body: () => ({}),
      allowed: INCIDENT_HANDLERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/responses/:rid/submit',
      url: () => `incidents/${nothing}/responses/${nothing}/submit`,
      allowed: INCIDENT_HANDLERS,
      status: 404,
    },
    {
      route: 'POST incidents/:id/responses/:rid/approve',
      url: () => `incidents/${nothing}/responses/${nothing}/approve`,
      allowed: APPROVERS,
      status: 404,
    },
    {
      route: 'POST incidents/:id/responses/:rid/send-back',
      url: () => `incidents/${nothing}/responses/${nothing}/send-back`,
      body: () => ({}),
      allowed: APPROVERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/responses/:rid/publish',
      url: () => `incidents/${nothing}/responses/${nothing}/publish`,
      body: () => ({}),
      allowed: INCIDENT_HANDLERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/merge',
      url: () => `incidents/${nothing}/merge`,
      body: () => ({}),
      allowed: INCIDENT_OPENERS,
      status: 400,
    },
    {
      route: 'POST incidents/:id/split',
      url: () => `incidents/${nothing}/split`,
      body: () => ({}),
      allowed: INCIDENT_OPENERS,
      status: 400,
    },
    { route: 'GET severity-levels', url: () => 'severity-levels', allowed: ANY_ROLE, status: 200 },
    { route: 'GET reports/weekly', url: () => 'reports/weekly', allowed: [...OFFICE, 'principal'], status: 200 },
    {
      route: 'GET reports',
      url: () => 'reports?from=2026-11-02&to=2026-11-08',
      allowed: [...OFFICE, 'principal'],
      status: 200,
    },
    { route: 'GET reports/stored', url: () => 'reports/stored', allowed: [...OFFICE, 'principal'], status: 200 },
    {
      route: 'PATCH severity-levels/:code',
      label: 'unknown level',
      url: () => 'severity-levels/S9',
      body: () => ({}),
      allowed: ADMIN,
      status: 404,
    },
    { route: 'GET good-news', url: () => 'good-news', allowed: ANY_ROLE, status: 200 },
    {
      route: 'POST good-news/:id/share',
      url: () => `good-news/${nothing}/share`,
      body: () => ({}),
      allowed: GOOD_NEWS_ACTORS,
      status: 404,
    },
    {
      route: 'POST good-news/:id/propose',
      url: () => `good-news/${nothing}/propose`,
      body: () => ({}),
      allowed: GOOD_NEWS_ACTORS,
      status: 404,
    },
    // escalation
    { route: 'GET escalation/settings', url: () => 'escalation/settings', allowed: ESCALATION_READERS, status: 200 },
    {
      route: 'PATCH escalation/settings',
      label: 'invalid body',
      url: () => 'escalation/settings',
      body: () => ({ unknownField: 1 }),
      allowed: ADMIN,
      status: 400,
    },
    // notifications
    { route: 'GET notifications', url: () => 'notifications', allowed: SIGNED_IN, status: 200 },
    { route: 'GET notifications/unread', url: () => 'notifications/unread', allowed: SIGNED_IN, status: 200 },
    { route: 'POST notifications/read', url: () => 'notifications/read', allowed: SIGNED_IN, status: 200 },
    {
      route: 'POST notifications/:id/read',
      url: () => `notifications/${nothing}/read`,
      allowed: SIGNED_IN,
      status: 404,
    },
    {
      route: 'POST notifications/:id/acknowledge',
      url: () => `notifications/${nothing}/acknowledge`,
      allowed: SIGNED_IN,
      status: 404,
    },
    {
      route: 'GET notifications/ack/:token',
      url: () => 'notifications/ack/not-a-token',
      allowed: 'public',
      status: 404,
    },
    {
      route: 'POST notifications/ack/:token',
      url: () => 'notifications/ack/not-a-token',
      allowed: 'public',
      status: 404,
    },
  ];

  /** The guard refuses with 403; on scope rows, callers the decorator admits but their scope does not get `denied`. */
  function expectedFor(c: RouteCase, subject: Subject): number {
    if (c.allowed === 'public' || c.allowed.includes(subject)) return c.status;
    const byDecorator = declared.get(c.route);
    const admitted = Array.isArray(byDecorator) && byDecorator.includes(subject);
    return c.scope && admitted ? (c.denied ?? 403) : 403;
  }

  describe.each(cases.map((c) => ({ ...c, label: c.label ?? '' })))('$route $label', (c) => {
    const method = c.route.split(' ')[0] as string;

    it.each(SUBJECTS)('as %s', async (subject) => {
      const status = await statusOf(t.baseUrl, method, c.url(), tokens.get(subject), c.body?.());
      const expected = expectedFor(c, subject);
      expect({ subject, status }).toEqual({ subject, status: expected });
    });

    it('with no token or a bad one', async () => {
      const admin = people.get('admin') as PersonRow;
      const now = Math.floor(Date.now() / 1000);
      const jwt = new JwtService();
      const principalToken = tokens.get('principal') as string;
      const [header, , signature] = principalToken.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({ sub: admin.id, typ: 'access', iat: now, exp: now + 900 }),
      ).toString('base64url');
      const unsignedHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const bad: Record<string, string | undefined> = {
        none: undefined,
        expired: jwt.sign({ sub: admin.id, typ: 'access', iat: now - 3600 }, { secret: SECRET, expiresIn: 900 }),
        tampered: `${header}.${forgedPayload}.${signature}`,
        otherSecret: jwt.sign({ sub: admin.id, typ: 'access' }, { secret: 'o'.repeat(48), expiresIn: 900 }),
        unsigned: `${unsignedHeader}.${forgedPayload}.`,
        refreshAsAccess: jwt.sign({ sub: admin.id, typ: 'refresh' }, { secret: SECRET, expiresIn: 900 }),
      };
      const answers = await Promise.all(
        Object.entries(bad).map(async ([kind, token]) => ({
          kind,
          status: await statusOf(t.baseUrl, method, c.url(), token, c.body?.()),
        })),
      );
      const expected = c.allowed === 'public' ? c.status : 401;
      expect(answers).toEqual(Object.keys(bad).map((kind) => ({ kind, status: expected })));
    });
  });

  it('has an access rule on every route of the application', () => {
    const routes = listRouteAccess(t.app);
    expect(routes.length).toBeGreaterThan(40);
    expect(
      routes.filter((r) => r.access === 'none').map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`),
    ).toEqual([]);
  });

  it('covers every route of the application in the matrix, and nothing else', () => {
    const covered = new Set(cases.map((c) => c.route));
    expect([...declared.keys()].filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !declared.has(r))).toEqual([]);
  });

  it('states for every route the callers its decorator admits', () => {
    const mismatches = cases
      .filter((c) => !c.scope && !sameCallers(declared.get(c.route) ?? 'nobody', c.allowed))
      .map((c) => `${c.route}: table ${String(c.allowed)}, decorator ${String(declared.get(c.route))}`);
    expect(mismatches).toEqual([]);
    const unscoped = new Set(cases.filter((c) => !c.scope).map((c) => c.route));
    expect([...declared.keys()].filter((r) => !unscoped.has(r))).toEqual([]);
  });

  it('narrows scope rows to callers the decorator admits', () => {
    const wider = cases
      .filter((c) => c.scope && Array.isArray(c.allowed))
      .filter((c) => {
        const byDecorator = declared.get(c.route);
        return !Array.isArray(byDecorator) || (c.allowed as Subject[]).some((s) => !byDecorator.includes(s));
      })
      .map((c) => `${c.route} ${c.label ?? ''}`);
    expect(wider).toEqual([]);
  });
  /**
   * People who hold roles at several units. A role counts only at the unit it was granted at (an office role at the
   * office, which reaches every school): a web admin's grant at school B lets its holder read B, never act on B's
   * tickets because they are a spokesperson at A; a steering member's office grant adds reading, not handling.
   */
  describe('roles bound to the unit they were granted at', () => {
    /** Spokesperson at A, web admin at B. */
    let spokesAWebB: PersonRow;
    /** Steering member at the office, spokesperson at A. */
    let steeringSpokesA: PersonRow;
    /** Spokesperson at A, principal at B. */
    let spokesAPrincipalB: PersonRow;
    /** Principal at A, spokesperson at B. */
    let principalASpokesB: PersonRow;
    const token = (p: PersonRow) => tokenFor(t.app, p.id);
    const open = async (unitCode: string, extra: Record<string, unknown> = {}): Promise<string> => {
      const res = await call<{ id: string }>(t.baseUrl, 'POST', 'incidents', {
        token: tokens.get('admin'),
        body: { title: `Sự cố nhiều đơn vị ${unitCode}`, unitCodes: [unitCode], ...extra },
      });
      if (res.status !== 201) throw new Error(`opening an incident answered ${res.status}`);
      return res.body.id;
    };

    beforeAll(async () => {
      const ds = t.db.dataSource;
      spokesAWebB = await createPerson(ds, {
        roles: [
          { role: 'unit_spokesperson', unitCode: SCHOOL_A },
          { role: 'unit_web_admin', unitCode: SCHOOL_B },
        ],
      });
      steeringSpokesA = await createPerson(ds, {
        roles: [{ role: 'steering_member' }, { role: 'unit_spokesperson', unitCode: SCHOOL_A }],
      });
      spokesAPrincipalB = await createPerson(ds, {
        roles: [
          { role: 'unit_spokesperson', unitCode: SCHOOL_A },
          { role: 'principal', unitCode: SCHOOL_B },
        ],
      });
      principalASpokesB = await createPerson(ds, {
        roles: [
          { role: 'principal', unitCode: SCHOOL_A },
          { role: 'unit_spokesperson', unitCode: SCHOOL_B },
        ],
      });
    });

    it('acknowledges and transitions only where a handling role is held', async () => {
      const [atA, atB, atB2] = [await open(SCHOOL_A), await open(SCHOOL_B), await open(SCHOOL_B)];
      const answers = {
        ownSchool: (await call(t.baseUrl, 'POST', `incidents/${atA}/acknowledge`, { token: token(spokesAWebB) }))
          .status,
        webAdminSchool: (await call(t.baseUrl, 'POST', `incidents/${atB}/acknowledge`, { token: token(spokesAWebB) }))
          .status,
        asSteering: (await call(t.baseUrl, 'POST', `incidents/${atB2}/acknowledge`, { token: token(steeringSpokesA) }))
          .status,
        transitionAsWebAdmin: (
          await call(t.baseUrl, 'POST', `incidents/${atB}/transition`, {
            token: token(spokesAWebB),
            body: { to: 'dismissed', reason: 'không phải trường này' },
          })
        ).status,
        transitionAsSteering: (
          await call(t.baseUrl, 'POST', `incidents/${atB2}/transition`, {
            token: token(steeringSpokesA),
            body: { to: 'dismissed', reason: 'không phải trường này' },
          })
        ).status,
      };
      expect(answers).toEqual({
        ownSchool: 200,
        webAdminSchool: 404,
        asSteering: 404,
        transitionAsWebAdmin: 404,
        transitionAsSteering: 404,
      });
      const statuses: { status: string }[] = await t.db.dataSource.query(
        `SELECT status FROM incident WHERE id = ANY($1::uuid[]) ORDER BY status`,
        [[atB, atB2]],
      );
      expect(statuses.map((r) => r.status)).toEqual(['new', 'new']);
    });

    it('opens, assigns, merges and splits only at schools where an opening role is held', async () => {
      const [atA, atB] = [await open(SCHOOL_A), await open(SCHOOL_B)];
      const post = async (who: PersonRow, path: string, body: unknown) =>
        (await call(t.baseUrl, 'POST', path, { token: token(who), body })).status;
      const answers = {
        openAtB: await post(spokesAWebB, 'incidents', { title: 'Sự cố ở B', unitCodes: [SCHOOL_B] }),
        openAtBAsSteering: await post(steeringSpokesA, 'incidents', { title: 'Sự cố ở B', unitCodes: [SCHOOL_B] }),
        openAtAAndB: await post(spokesAWebB, 'incidents', { title: 'Sự cố A và B', unitCodes: [SCHOOL_A, SCHOOL_B] }),
        openAtA: await post(spokesAWebB, 'incidents', { title: 'Sự cố ở A', unitCodes: [SCHOOL_A] }),
        assignAtB: await post(spokesAWebB, `incidents/${atB}/assign`, { personIds: [spokesAWebB.id] }),
        mergeBIntoA: await post(spokesAWebB, `incidents/${atA}/merge`, { incidentIds: [atB] }),
        mergeAIntoB: await post(spokesAWebB, `incidents/${atB}/merge`, { incidentIds: [atA] }),
        splitAtB: await post(spokesAWebB, `incidents/${atB}/split`, { mentionIds: [randomUUID()] }),
      };
      expect(answers).toEqual({
        openAtB: 403,
        openAtBAsSteering: 403,
        openAtAAndB: 403,
        openAtA: 201,
        assignAtB: 404,
        mergeBIntoA: 404,
        mergeAIntoB: 404,
        splitAtB: 404,
      });
      const merged: { n: number }[] = await t.db.dataSource.query(
        `SELECT count(*)::int AS n FROM incident WHERE id = ANY($1::uuid[]) AND merged_into IS NOT NULL`,
        [[atA, atB]],
      );
      expect(merged[0]?.n).toBe(0);
    });

    it('reads and comments wherever any role is held, and is offered no transition where none may be made', async () => {
      const [atA, atB] = [await open(SCHOOL_A), await open(SCHOOL_B)];
      const offered = async (who: PersonRow, id: string) => {
        const res = await call<{ allowedTransitions: string[] }>(t.baseUrl, 'GET', `incidents/${id}`, {
          token: token(who),
        });
        return { status: res.status, transitions: res.body.allowedTransitions };
      };
      expect(await offered(spokesAWebB, atA)).toEqual({ status: 200, transitions: ['acknowledged', 'dismissed'] });
      expect(await offered(spokesAWebB, atB)).toEqual({ status: 200, transitions: [] });
      expect(await offered(steeringSpokesA, atB)).toEqual({ status: 200, transitions: [] });
      const comment = await call(t.baseUrl, 'POST', `incidents/${atB}/comments`, {
        token: token(spokesAWebB),
        body: { body: 'Quản trị web trường B đã ghi nhận.' },
      });
      expect(comment.status).toBe(201);
    });

    it("closes someone else's task only with a handling role at the incident's school", async () => {
      const atB = await open(SCHOOL_B);
      const owner = people.get('admin') as PersonRow;
      const added = await call<{ tasks: { id: string; title: string }[] }>(
        t.baseUrl,
        'POST',
        `incidents/${atB}/tasks`,
        {
          token: tokens.get('admin'),
          body: { title: 'Liên hệ phóng viên', ownerId: owner.id },
        },
      );
      expect(added.status).toBe(201);
      const task = added.body.tasks.find((x) => x.title === 'Liên hệ phóng viên');
      const done = await call(t.baseUrl, 'POST', `incidents/${atB}/tasks/${task?.id}/done`, {
        token: token(spokesAWebB),
      });
      expect(done.status).toBe(403);
      const open_: { n: number }[] = await t.db.dataSource.query(
        `SELECT count(*)::int AS n FROM incident_task WHERE incident_id = $1 AND done_at IS NULL`,
        [atB],
      );
      expect(open_[0]?.n).toBe(1);
    });

    it("marks a response published only as a spokesperson of one of the incident's schools", async () => {
      const ds = t.db.dataSource;
      const [atB, atBToo] = [await open(SCHOOL_B), await open(SCHOOL_B)];
      // Both tickets wait for publication, each with one two-school person among its assignees (opening assigns B's
      // network): an assigned spokesperson is what makes someone the designated one.
      await ds.query(`UPDATE incident SET status = 'awaiting_approval' WHERE id = ANY($1::uuid[])`, [[atB, atBToo]]);
      await ds.query(
        `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at) VALUES ($1, $2, 'manual', now()),
           ($3, $4, 'manual', now()) ON CONFLICT DO NOTHING`,
        [atB, spokesAPrincipalB.id, atBToo, principalASpokesB.id],
      );
      const publish = async (who: PersonRow, id: string) =>
        (
          await call(t.baseUrl, 'POST', `incidents/${id}/transition`, {
            token: token(who),
            body: { to: 'responded' },
          })
        ).status;
      expect({
        spokespersonElsewhere: await publish(spokesAPrincipalB, atB),
        spokespersonHere: await publish(principalASpokesB, atBToo),
      }).toEqual({ spokespersonElsewhere: 403, spokespersonHere: 200 });
    });

    it("reads reports only of the schools where the principal's role is held", async () => {
      const report = async (who: PersonRow, unit?: string) =>
        (await call(t.baseUrl, 'GET', `reports/weekly${unit ? `?unit=${unit}` : ''}`, { token: token(who) })).status;
      expect({
        ownSchool: await report(principalASpokesB, SCHOOL_A),
        byDefault: await report(principalASpokesB),
        spokespersonSchool: await report(principalASpokesB, SCHOOL_B),
        principalAtB: await report(spokesAPrincipalB, SCHOOL_B),
        spokespersonOnly: await report(spokesAPrincipalB, SCHOOL_A),
      }).toEqual({ ownSchool: 200, byDefault: 200, spokespersonSchool: 403, principalAtB: 200, spokespersonOnly: 403 });
    });
  });

  it('lists only school A resources to school A roles, and everything to the office', async () => {
    const seen = async (subject: Subject): Promise<Set<string>> => {
      const token = tokens.get(subject);
      const sources = await call<{ id: string }[]>(t.baseUrl, 'GET', 'sources', { token });
      const pages = await Promise.all(
        ['mentions', 'stories', 'incidents'].map((path) =>
          call<{ items: { id: string }[] }>(t.baseUrl, 'GET', `${path}?pageSize=200`, { token }),
        ),
      );
      return new Set([...sources.body, ...pages.flatMap((p) => p.body.items)].map((row) => row.id));
    };
    const ofA = [sourceA, mentionA.id, mentionA.storyId, incidentA];
    const ofB = [sourceB, mentionB.id, mentionB.storyId, incidentB];
    for (const subject of UNIT) {
      const ids = await seen(subject);
      expect({ subject, own: ofA.filter((id) => ids.has(id)), other: ofB.filter((id) => ids.has(id)) }).toEqual({
        subject,
        own: ofA,
        other: [],
      });
    }
    for (const subject of OFFICE) {
      const ids = await seen(subject);
      expect({ subject, all: [...ofA, ...ofB].filter((id) => ids.has(id)) }).toEqual({
        subject,
        all: [...ofA, ...ofB],
      });
    }
  });
});
