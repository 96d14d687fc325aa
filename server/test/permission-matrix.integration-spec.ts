/**
 * Calls every organisation route as every role (and with no token, an expired token, a tampered token, a token
 * signed with another secret and an unsigned one) and checks the status. It also walks the routes of the whole
 * booted application: a route without @Public, @Roles or @Authenticated fails here, every non-public route of any
 * module must answer 401 without a token, and a new organisation route must be added to the matrix.
 */
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@mw/shared';
import { listRouteAccess } from '../src/common/auth/route-access';
import { call, tokenFor } from './factories/auth.factory';
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

interface RouteCase {
  /** `METHOD path` as Nest declares it, to check the matrix covers every route. */
  route: string;
  label?: string;
  url: () => string;
  body?: () => unknown;
  /** 'public' routes ignore tokens; `status` is then expected from everyone. */
  allowed: Subject[] | 'public';
  status: number;
}

const organisationControllers = [
  'AuthController',
  'MeController',
  'PeopleController',
  'UnitsController',
  'OrganisationController',
  'AuditController',
  'HealthController',
];

describe('permission matrix (real PostgreSQL)', () => {
  let t: TestApp;
  const people = new Map<Subject, PersonRow>();
  const tokens = new Map<Subject, string>();
  let target: PersonRow;
  let renounceable: string;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp({ MW_JWT_SECRET: SECRET });
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
  });
  afterAll(async () => {
    await t.close();
  });

  const unique = () => `${Date.now().toString(36)}${counter++}`;
  const cases: RouteCase[] = [
    { route: 'GET health', url: () => 'health', allowed: 'public', status: 200 },
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
    { route: 'GET units/:code', label: 'other school', url: () => `units/${SCHOOL_B}`, allowed: OFFICE, status: 200 },
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
  ];

  describe.each(cases.map((c) => ({ ...c, label: c.label ?? '' })))('$route $label', (c) => {
    const method = c.route.split(' ')[0] as string;

    it.each(SUBJECTS)('as %s', async (subject) => {
      const allowed = c.allowed === 'public' || c.allowed.includes(subject);
      const res = await call(t.baseUrl, method, c.url(), { token: tokens.get(subject), body: c.body?.() });
      expect({ subject, status: res.status }).toEqual({ subject, status: allowed ? c.status : 403 });
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
      for (const [kind, token] of Object.entries(bad)) {
        const res = await call(t.baseUrl, method, c.url(), { token, body: c.body?.() });
        expect({ kind, status: res.status }).toEqual({ kind, status: c.allowed === 'public' ? c.status : 401 });
      }
    });
  });

  it('has an access rule on every route of the application', () => {
    const routes = listRouteAccess(t.app);
    expect(routes.length).toBeGreaterThan(cases.length);
    expect(
      routes.filter((r) => r.access === 'none').map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`),
    ).toEqual([]);
  });

  it('covers every organisation route in the matrix', () => {
    const declared = listRouteAccess(t.app)
      .filter((r) => organisationControllers.includes(r.controller))
      .map((r) => `${r.method} ${r.path}`);
    const covered = new Set(cases.map((c) => c.route));
    expect(declared.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('answers 401 without a token on every non-public route of every module', async () => {
    const placeholder = '00000000-0000-4000-8000-000000000000';
    const failures: string[] = [];
    for (const r of listRouteAccess(t.app)) {
      if (r.access === 'public') continue;
      const url = r.path.replace(/:[A-Za-z]+/g, placeholder);
      const res = await call(t.baseUrl, r.method === 'ALL' ? 'GET' : r.method, url, {
        body: r.method === 'GET' ? undefined : {},
      });
      if (res.status !== 401) failures.push(`${r.method} ${r.path} answered ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
