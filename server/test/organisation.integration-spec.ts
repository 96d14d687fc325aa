/**
 * Units, the spokesperson network, people and roles, per-school scoping and the audit log, against real
 * PostgreSQL with one app for the file.
 */
import { PassThrough } from 'node:stream';
import type {
  AuditEntryView,
  MeResponse,
  OrganisationGapsResponse,
  Page,
  PersonDetail,
  PersonView,
  RoleAssignmentView,
  UnitDetail,
  UnitNetwork,
  UnitView,
} from '@mw/shared';
import type { CliContext } from '../src/cli/cli-command';
import { canJoinRoom } from '../src/common/auth/scope';
import { AuthService } from '../src/modules/organisation/auth/auth.service';
import { UnitsService } from '../src/modules/organisation/units/units.service';
import { usersCommand } from '../src/modules/organisation/users.commands';
import { call, tokenFor } from './factories/auth.factory';
import { createPerson, PersonRow } from './factories/person.factory';
import { createUnit } from './factories/unit.factory';
import { startTestApp, TestApp } from './harness/test-app';

const SCHOOL_A = '79000724'; // THPT Gò Vấp
const SCHOOL_B = '79000725'; // THPT Nguyễn Công Trứ

describe('organisation (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: PersonRow;
  let leader: PersonRow;
  let principalA: PersonRow;
  const token = (p: PersonRow) => tokenFor(t.app, p.id);

  beforeAll(async () => {
    t = await startTestApp({ MW_JWT_SECRET: 'x'.repeat(40) });
    const ds = t.db.dataSource;
    admin = await createPerson(ds, { roles: [{ role: 'admin' }] });
    leader = await createPerson(ds, { roles: [{ role: 'leader' }] });
    principalA = await createPerson(ds, { name: 'Hiệu trưởng A', roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('units', () => {
    it('seeds the 231 Gò Vấp units and the office once', async () => {
      const counts: { level: string; n: number }[] = await t.db.dataSource.query(
        `SELECT level, count(*)::int AS n FROM unit WHERE code !~ '^T[0-9A-F]{8}$' GROUP BY level ORDER BY level`,
      );
      expect(Object.fromEntries(counts.map((c) => [c.level, c.n]))).toEqual({
        MN: 186,
        TH: 23,
        THCS: 15,
        THPT: 7,
        OFFICE: 1,
      });
      expect(await t.app.get(UnitsService).seed()).toBe(0);
      const office = await call<UnitDetail>(t.baseUrl, 'GET', 'units/GV-OFFICE', { token: token(leader) });
      expect(office.status).toBe(200);
      expect(office.body).toMatchObject({ code: 'GV-OFFICE', level: 'OFFICE' });
    });

    it('lists every unit for office roles and only their own for a principal', async () => {
      const all = await call<UnitView[]>(t.baseUrl, 'GET', 'units', { token: token(leader) });
      expect(all.status).toBe(200);
      expect(all.body.length).toBeGreaterThanOrEqual(232);
      const own = await call<UnitView[]>(t.baseUrl, 'GET', 'units', { token: token(principalA) });
      expect(own.body.map((u) => u.code)).toEqual([SCHOOL_A]);
      const filtered = await call<UnitView[]>(t.baseUrl, 'GET', 'units?level=THPT&q=Nguy%E1%BB%85n', {
        token: token(leader),
      });
      expect(filtered.body.map((u) => u.code)).toContain(SCHOOL_B);
      expect(filtered.body.every((u) => u.level === 'THPT')).toBe(true);
    });

    it('refuses a principal anything of another school, by API and by socket room', async () => {
      const t1 = token(principalA);
      expect((await call(t.baseUrl, 'GET', `units/${SCHOOL_A}`, { token: t1 })).status).toBe(200);
      expect((await call(t.baseUrl, 'GET', `units/${SCHOOL_A}/network`, { token: t1 })).status).toBe(200);
      const other = await call<{ code: string }>(t.baseUrl, 'GET', `units/${SCHOOL_B}`, { token: t1 });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORBIDDEN');
      expect((await call(t.baseUrl, 'GET', `units/${SCHOOL_B}/network`, { token: t1 })).status).toBe(403);
      // An unknown code answers the same as another school's, so scoped users learn nothing from it.
      expect((await call(t.baseUrl, 'GET', 'units/79999999', { token: t1 })).status).toBe(403);
      expect((await call(t.baseUrl, 'GET', 'organisation/gaps', { token: t1 })).status).toBe(403);

      const user = await t.app.get(AuthService).verify(t1);
      expect(canJoinRoom(user, `unit:${SCHOOL_A}`)).toBe(true);
      expect(canJoinRoom(user, `unit:${SCHOOL_B}`)).toBe(false);
      expect(canJoinRoom(user, 'office')).toBe(false);
      expect(canJoinRoom(user, `user:${leader.id}`)).toBe(false);
    });

    it('shows the network of a school and of the office', async () => {
      const ds = t.db.dataSource;
      const unit = await createUnit(ds);
      const spokesperson = await createPerson(ds, {
        phone: '0900000001',
        roles: [{ role: 'unit_spokesperson', unitCode: unit.code }],
      });
      const deputy = await createPerson(ds, {
        roles: [{ role: 'unit_spokesperson', unitCode: unit.code, deputy: true }],
      });
      const webAdmin = await createPerson(ds, { roles: [{ role: 'unit_web_admin', unitCode: unit.code }] });
      const principal = await createPerson(ds, { roles: [{ role: 'principal', unitCode: unit.code }] });
      await createPerson(ds, { active: false, roles: [{ role: 'principal', unitCode: unit.code }] });

      const res = await call<UnitNetwork>(t.baseUrl, 'GET', `units/${unit.code}/network`, { token: token(webAdmin) });
      expect(res.status).toBe(200);
      expect(res.body.spokesperson).toEqual([
        {
          personId: spokesperson.id,
          name: spokesperson.name,
          email: spokesperson.email,
          phone: '0900000001',
          zaloId: null,
        },
      ]);
      expect(res.body.deputySpokesperson.map((c) => c.personId)).toEqual([deputy.id]);
      expect(res.body.webAdmin.map((c) => c.personId)).toEqual([webAdmin.id]);
      expect(res.body.principal.map((c) => c.personId)).toEqual([principal.id]);
      expect(res.body.leaders).toBeUndefined();
      expect(await t.app.get(UnitsService).networkByCode(unit.code)).toEqual(res.body);
      expect(await t.app.get(UnitsService).networkByCode('79999999')).toBeNull();

      const office = await call<UnitDetail>(t.baseUrl, 'GET', 'units/GV-OFFICE', { token: token(admin) });
      expect(office.body.network.leaders?.map((c) => c.personId)).toContain(leader.id);
      expect(office.body.network.workingGroup?.map((c) => c.personId)).toEqual(
        expect.arrayContaining([admin.id, leader.id]),
      );
    });

    it('reports schools without a spokesperson or a principal', async () => {
      const ds = t.db.dataSource;
      const complete = await createUnit(ds);
      await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: complete.code }] });
      await createPerson(ds, { roles: [{ role: 'principal', unitCode: complete.code }] });
      const noPrincipal = await createUnit(ds);
      await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: noPrincipal.code }] });
      const onlyDeputy = await createUnit(ds);
      await createPerson(ds, { roles: [{ role: 'unit_spokesperson', unitCode: onlyDeputy.code, deputy: true }] });
      await createUnit(ds, { active: false });

      const res = await call<OrganisationGapsResponse>(t.baseUrl, 'GET', 'organisation/gaps', { token: token(leader) });
      expect(res.status).toBe(200);
      const byCode = new Map(res.body.units.map((u) => [u.code, u.missing]));
      expect(byCode.has(complete.code)).toBe(false);
      expect(byCode.get(noPrincipal.code)).toEqual(['principal']);
      expect(byCode.get(onlyDeputy.code)).toEqual(['spokesperson', 'principal']);
      expect(byCode.get(SCHOOL_A)).toEqual(['spokesperson']);
      expect(byCode.has('GV-OFFICE')).toBe(false);
    });

    it('lets an admin create and edit units, auditing before and after', async () => {
      const created = await call<UnitView>(t.baseUrl, 'POST', 'units', {
        token: token(admin),
        body: { code: 'GV-TEST-1', name: 'Trường Thử Nghiệm', level: 'TH', aliases: ['TH Thử'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: 'GV-TEST-1', aliases: ['TH Thử'], active: true });
      const again = await call(t.baseUrl, 'POST', 'units', {
        token: token(admin),
        body: { code: 'GV-TEST-1', name: 'Trùng', level: 'TH' },
      });
      expect(again.status).toBe(409);
      const badLevel = await call<{ field: string }>(t.baseUrl, 'POST', 'units', {
        token: token(admin),
        body: { code: 'GV-TEST-2', name: 'X', level: 'DH' },
      });
      expect(badLevel.status).toBe(400);
      expect(badLevel.body.field).toBe('level');

      const patched = await call<UnitView>(t.baseUrl, 'PATCH', `units/${SCHOOL_A}`, {
        token: token(admin),
        body: { aliases: ['THPT Gò Vấp', 'Trường Gò Vấp', 'THPT Gò Vấp'] },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.aliases).toEqual(['THPT Gò Vấp', 'Trường Gò Vấp']);
      const unknownField = await call<{ field: string }>(t.baseUrl, 'PATCH', `units/${SCHOOL_A}`, {
        token: token(admin),
        body: { code: 'X' },
      });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.field).toBe('code');
      expect(
        (await call(t.baseUrl, 'PATCH', 'units/79999999', { token: token(admin), body: { active: false } })).status,
      ).toBe(404);

      const audit = await call<Page<AuditEntryView>>(t.baseUrl, 'GET', `audit?entityType=unit&entityId=${SCHOOL_A}`, {
        token: token(leader),
      });
      expect(audit.status).toBe(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'unit.update',
        actorId: admin.id,
        actorEmail: admin.email,
        before: { aliases: [] },
        after: { aliases: ['THPT Gò Vấp', 'Trường Gò Vấp'] },
      });
      // The entry names the unit it points to.
      expect(audit.body.items[0]?.entityLabel).toMatch(/\S/);
      expect(audit.body.items[0]?.entityLabel).not.toBe(SCHOOL_A);
      expect(audit.body.items[0]?.ip).toMatch(/127\.0\.0\.1/);
    });
  });

  describe('people and roles', () => {
    it('creates a person with roles, refuses a duplicate e-mail and unknown fields', async () => {
      const body = {
        name: 'Nguyễn Văn Phát Ngôn',
        email: 'Phatngon.B@GoVap.test',
        phone: '0901234567',
        roles: [{ role: 'unit_spokesperson', unitCode: SCHOOL_B }],
      };
      const res = await call<PersonDetail>(t.baseUrl, 'POST', 'people', { token: token(admin), body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email: 'phatngon.b@govap.test', language: 'vi', active: true });
      expect(res.body.roles).toMatchObject([{ role: 'unit_spokesperson', unitCode: SCHOOL_B, renouncedAt: null }]);
      expect(JSON.stringify(res.body)).not.toMatch(/hash/i);

      const taken = await call<{ code: string; field: string }>(t.baseUrl, 'POST', 'people', {
        token: token(admin),
        body,
      });
      // The dashboard shows the conflict under the e-mail field.
      expect({ status: taken.status, ...taken.body }).toMatchObject({ status: 409, code: 'CONFLICT', field: 'email' });
      const extra = await call<{ field: string }>(t.baseUrl, 'POST', 'people', {
        token: token(admin),
        body: { ...body, email: 'other@govap.test', isAdmin: true },
      });
      expect(extra.status).toBe(400);
      expect(extra.body.field).toBe('isAdmin');
      const badRole = await call<{ field: string }>(t.baseUrl, 'POST', 'people', {
        token: token(admin),
        body: { ...body, email: 'other@govap.test', roles: [{ role: 'king', unitCode: SCHOOL_B }] },
      });
      expect(badRole.status).toBe(400);
      expect(badRole.body.field).toBe('roles.0.role');
    });

    it('assigns and renounces roles, keeping the history', async () => {
      const person = await createPerson(t.db.dataSource);
      const assigned = await call<RoleAssignmentView>(t.baseUrl, 'POST', `people/${person.id}/roles`, {
        token: token(admin),
        body: { role: 'unit_web_admin', unitCode: SCHOOL_B },
      });
      expect(assigned.status).toBe(201);
      const duplicate = await call(t.baseUrl, 'POST', `people/${person.id}/roles`, {
        token: token(admin),
        body: { role: 'unit_web_admin', unitCode: SCHOOL_B },
      });
      expect(duplicate.status).toBe(409);
      const officeAtSchool = await call<{ field: string }>(t.baseUrl, 'POST', `people/${person.id}/roles`, {
        token: token(admin),
        body: { role: 'leader', unitCode: SCHOOL_B },
      });
      expect(officeAtSchool.status).toBe(400);
      expect(officeAtSchool.body.field).toBe('unitCode');
      const noUnit = await call(t.baseUrl, 'POST', `people/${person.id}/roles`, {
        token: token(admin),
        body: { role: 'principal' },
      });
      expect(noUnit.status).toBe(400);

      // The new role takes effect on the next request: the web admin now sees school B.
      expect((await call(t.baseUrl, 'GET', `units/${SCHOOL_B}`, { token: token(person) })).status).toBe(200);

      const renounced = await call<RoleAssignmentView>(
        t.baseUrl,
        'POST',
        `people/${person.id}/roles/${assigned.body.id}/renounce`,
        { token: token(admin) },
      );
      expect(renounced.status).toBe(200);
      expect(renounced.body.renouncedAt).not.toBeNull();
      expect(
        (
          await call(t.baseUrl, 'POST', `people/${person.id}/roles/${assigned.body.id}/renounce`, {
            token: token(admin),
          })
        ).status,
      ).toBe(404);
      expect((await call(t.baseUrl, 'GET', `units/${SCHOOL_B}`, { token: token(person) })).status).toBe(403);

      const detail = await call<PersonDetail>(t.baseUrl, 'GET', `people/${person.id}`, { token: token(admin) });
      expect(detail.body.roles).toEqual([]);
      expect(detail.body.roleHistory).toMatchObject([
        { id: assigned.body.id, role: 'unit_web_admin', unitCode: SCHOOL_B },
      ]);
      expect(detail.body.roleHistory[0]?.renouncedAt).not.toBeNull();

      const list = await call<{ id: string }[]>(t.baseUrl, 'GET', `people?role=principal&unitCode=${SCHOOL_A}`, {
        token: token(admin),
      });
      expect(list.body.map((p) => p.id)).toEqual([principalA.id]);
      expect((await call(t.baseUrl, 'GET', 'people/not-a-uuid', { token: token(admin) })).status).toBe(400);
    });

    it('keeps at least one admin', async () => {
      const ds = t.db.dataSource;
      const others: { id: string; person_id: string }[] = await ds.query(
        `SELECT id, person_id FROM role_assignment WHERE role = 'admin' AND renounced_at IS NULL AND person_id <> $1`,
        [admin.id],
      );
      for (const o of others) await ds.query(`UPDATE role_assignment SET renounced_at = now() WHERE id = $1`, [o.id]);
      const own: { id: string }[] = await ds.query(
        `SELECT id FROM role_assignment WHERE role = 'admin' AND renounced_at IS NULL AND person_id = $1`,
        [admin.id],
      );
      const renounce = await call<{ code: string }>(
        t.baseUrl,
        'POST',
        `people/${admin.id}/roles/${own[0]?.id}/renounce`,
        { token: token(admin) },
      );
      expect(renounce.status).toBe(409);
      const deactivate = await call(t.baseUrl, 'PATCH', `people/${admin.id}`, {
        token: token(admin),
        body: { active: false },
      });
      expect(deactivate.status).toBe(409);
      expect((await call(t.baseUrl, 'GET', 'me', { token: token(admin) })).status).toBe(200);

      const second = await createPerson(ds, { roles: [{ role: 'admin' }] });
      const allowed = await call(t.baseUrl, 'PATCH', `people/${second.id}`, {
        token: token(admin),
        body: { active: false },
      });
      expect(allowed.status).toBe(200);
    });

    it('lets each person set their notification preferences', async () => {
      const t1 = token(principalA);
      const res = await call(t.baseUrl, 'PATCH', 'me/preferences', {
        token: t1,
        body: { channels: ['in_app', 'zalo'], quietHours: { start: '22:00', end: '06:00' }, language: 'en' },
      });
      expect(res.status).toBe(200);
      const me = await call<MeResponse>(t.baseUrl, 'GET', 'me', { token: t1 });
      expect(me.body).toMatchObject({
        language: 'en',
        scope: [SCHOOL_A],
        preferences: { channels: ['in_app', 'zalo'], quietHours: { start: '22:00', end: '06:00' } },
      });
      const bad = await call<{ field: string }>(t.baseUrl, 'PATCH', 'me/preferences', {
        token: t1,
        body: { quietHours: { start: '25:00', end: '06:00' } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('quietHours.start');
      const badChannel = await call<{ field: string }>(t.baseUrl, 'PATCH', 'me/preferences', {
        token: t1,
        body: { channels: ['sms'] },
      });
      expect(badChannel.status).toBe(400);
      expect(badChannel.body.field).toBe('channels');
      const cleared = await call(t.baseUrl, 'PATCH', 'me/preferences', { token: t1, body: { quietHours: null } });
      expect(cleared.body).toMatchObject({ quietHours: null });
    });
  });

  describe('audit log', () => {
    it('records writes and refuses any change, even by SQL', async () => {
      const rows: { id: string; action: string }[] = await t.db.dataSource.query(
        `SELECT id, action FROM audit_log ORDER BY id`,
      );
      const actions = new Set(rows.map((r) => r.action));
      for (const action of [
        'unit.create',
        'unit.update',
        'person.create',
        'role.assign',
        'role.renounce',
        'person.preferences',
      ]) {
        expect(actions).toContain(action);
      }
      const id = rows[0]?.id;
      await expect(t.db.dataSource.query(`UPDATE audit_log SET action = 'forged' WHERE id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(t.db.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      const after: { n: number }[] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);
      expect(after[0]?.n).toBe(rows.length);
    });

    it('pages the log for admins and leaders only', async () => {
      const page = await call<Page<AuditEntryView>>(t.baseUrl, 'GET', 'audit?page=1&pageSize=2', {
        token: token(admin),
      });
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBeGreaterThan(2);
      expect((await call(t.baseUrl, 'GET', 'audit', { token: token(principalA) })).status).toBe(403);
      expect((await call(t.baseUrl, 'GET', 'audit?pageSize=1000', { token: token(admin) })).status).toBe(400);
    });
  });

  describe('paged lists', () => {
    it('pages and searches people, and keeps the plain array when no page is asked for', async () => {
      const ds = t.db.dataSource;
      const names = ['Phân Trang An', 'Phân Trang Bình', 'Phân Trang Chi', 'Phân Trang Dũng', 'Phân Trang Em'];
      for (const name of names) {
        await createPerson(ds, { name, roles: [{ role: 'unit_web_admin', unitCode: SCHOOL_B }] });
      }
      await createPerson(ds, { name: 'Phân Trang Khác Trường', roles: [{ role: 'principal', unitCode: SCHOOL_A }] });
      const q = `q=${encodeURIComponent('phân trang')}&unitCode=${SCHOOL_B}`;

      const plain = await call<PersonView[]>(t.baseUrl, 'GET', `people?${q}`, { token: token(admin) });
      expect(plain.status).toBe(200);
      expect(Array.isArray(plain.body)).toBe(true);
      expect(plain.body.map((p) => p.name)).toEqual(names);

      const seen: string[] = [];
      for (const [page, size] of [
        [1, 2],
        [2, 2],
        [3, 1],
      ] as const) {
        const res = await call<Page<PersonView>>(t.baseUrl, 'GET', `people?${q}&page=${page}&pageSize=2`, {
          token: token(admin),
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ total: 5, page, pageSize: 2 });
        expect(res.body.items).toHaveLength(size);
        expect(res.body.items.every((p) => p.roles.some((r) => r.unitCode === SCHOOL_B))).toBe(true);
        seen.push(...res.body.items.map((p) => p.name));
      }
      expect(seen).toEqual(names);

      const defaults = await call<Page<PersonView>>(t.baseUrl, 'GET', `people?${q}&page=1`, { token: token(admin) });
      expect(defaults.body).toMatchObject({ total: 5, pageSize: 50 });
      const beyond = await call<Page<PersonView>>(t.baseUrl, 'GET', `people?${q}&page=9&pageSize=2`, {
        token: token(admin),
      });
      expect(beyond.body).toMatchObject({ items: [], total: 5 });
      const tooBig = await call<{ field: string }>(t.baseUrl, 'GET', 'people?pageSize=201', { token: token(admin) });
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.field).toBe('pageSize');
      expect((await call(t.baseUrl, 'GET', 'people?page=0', { token: token(admin) })).status).toBe(400);
      expect((await call(t.baseUrl, 'GET', 'people?page=1', { token: token(leader) })).status).toBe(403);
    });

    it('pages and searches units within what the person may see', async () => {
      const plain = await call<UnitView[]>(t.baseUrl, 'GET', 'units', { token: token(leader) });
      expect(Array.isArray(plain.body)).toBe(true);

      const first = await call<Page<UnitView>>(t.baseUrl, 'GET', 'units?page=1&pageSize=20', { token: token(leader) });
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(plain.body.length);
      expect(first.body.items.map((u) => u.code)).toEqual(plain.body.slice(0, 20).map((u) => u.code));
      const second = await call<Page<UnitView>>(t.baseUrl, 'GET', 'units?page=2&pageSize=20', {
        token: token(leader),
      });
      expect(second.body.items.map((u) => u.code)).toEqual(plain.body.slice(20, 40).map((u) => u.code));

      const searched = await call<Page<UnitView>>(
        t.baseUrl,
        'GET',
        `units?q=${encodeURIComponent('Nguyễn Công Trứ')}&level=THPT&pageSize=5`,
        { token: token(leader) },
      );
      expect(searched.body.items.map((u) => u.code)).toEqual([SCHOOL_B]);
      expect(searched.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });

      const own = await call<Page<UnitView>>(t.baseUrl, 'GET', 'units?pageSize=50', { token: token(principalA) });
      expect(own.body).toMatchObject({ total: 1, items: [{ code: SCHOOL_A }] });
      expect((await call(t.baseUrl, 'GET', 'units?pageSize=abc', { token: token(leader) })).status).toBe(400);
    });

    it('filters the audit log by a time window', async () => {
      const before = new Date();
      const person = await call<PersonDetail>(t.baseUrl, 'POST', 'people', {
        token: token(admin),
        body: { name: 'Người trong khung giờ', email: 'khung.gio@govap.test' },
      });
      expect(person.status).toBe(201);
      const after = new Date();
      const window = (from: Date, to: Date) =>
        call<Page<AuditEntryView>>(
          t.baseUrl,
          'GET',
          `audit?action=person.create&from=${from.toISOString()}&to=${to.toISOString()}`,
          { token: token(admin) },
        );
      const inside = await window(before, new Date(after.getTime() + 1));
      expect(inside.status).toBe(200);
      expect(inside.body.items.map((e) => e.entityId)).toEqual([person.body.id]);
      const later = await window(new Date(after.getTime() + 1), new Date(after.getTime() + 60_000));
      expect(later.body.items.map((e) => e.entityId)).not.toContain(person.body.id);
      const earlier = await window(new Date(before.getTime() - 60_000), new Date(before.getTime() - 1));
      expect(earlier.body.items.map((e) => e.entityId)).not.toContain(person.body.id);
      const bad = await call<{ field: string }>(t.baseUrl, 'GET', 'audit?from=01/11/2026', { token: token(admin) });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('from');
    });

    it('reads the audit window half-open in local time and refuses bare dates and a reversed window', async () => {
      const person = await call<PersonDetail>(t.baseUrl, 'POST', 'people', {
        token: token(admin),
        body: { name: 'Người lúc nửa đêm', email: 'nua.dem@govap.test' },
      });
      expect(person.status).toBe(201);
      const auditAt = async (from: string, to: string) =>
        call<Page<AuditEntryView>>(
          t.baseUrl,
          'GET',
          `audit?action=person.create&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
          { token: token(admin) },
        );
      const dayStart = new Date(Date.now() - 60_000).toISOString();
      const justAfter = new Date(Date.now() + 60_000).toISOString();
      const created = (await auditAt(dayStart, justAfter)).body.items.find((e) => e.entityId === person.body.id);
      expect(created).toBeDefined();
      // `to` is exclusive: a window ending exactly at the entry's instant leaves it out; one starting there keeps it.
      const exact = created!.at;
      expect((await auditAt(dayStart, exact)).body.items.map((e) => e.entityId)).not.toContain(person.body.id);
      expect((await auditAt(exact, justAfter)).body.items.map((e) => e.entityId)).toContain(person.body.id);
      // An offset spelled +07:00 means the same instant as its UTC form.
      const local = new Date(new Date(exact).getTime() + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
      expect((await auditAt(local, justAfter)).body.items.map((e) => e.entityId)).toContain(person.body.id);

      // A bare date would be midnight UTC, 07:00 in Ho Chi Minh: refused, naming the field.
      for (const [query, field] of [
        ['from=2026-01-05', 'from'],
        ['to=2026-01-06', 'to'],
        ['to=2026-01-06T00:00:00', 'to'],
        [
          `from=${encodeURIComponent('2026-01-06T00:00:00+07:00')}&to=${encodeURIComponent('2026-01-05T00:00:00+07:00')}`,
          'from',
        ],
      ] as const) {
        const refused = await call<{ code: string; field: string }>(t.baseUrl, 'GET', `audit?${query}`, {
          token: token(admin),
        });
        expect({ query, status: refused.status, field: refused.body.field }).toEqual({ query, status: 400, field });
        expect(refused.body.code).toBe('VALIDATION_FAILED');
      }
      const empty = await auditAt('2026-01-05T00:00:00+07:00', '2026-01-05T00:00:00+07:00');
      expect(empty.status).toBe(200);
    });
  });

  describe('CLI users add', () => {
    function cliContext(): { ctx: CliContext; out: () => string } {
      const out = new PassThrough();
      let text = '';
      out.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const ctx: CliContext = {
        env: t.config.env,
        out,
        err: new PassThrough(),
        in: new PassThrough(),
        databaseUrl: async () => t.db.url,
        app: async () => t.app,
      };
      return { ctx, out: () => text };
    }

    it('prints one JSON line describing the created person', async () => {
      const { ctx, out } = cliContext();
      const code = await usersCommand.run(
        [
          'add',
          '--email',
          'Cli.Principal@govap.test',
          '--name',
          'Trần Thị Hiệu Trưởng',
          '--role',
          'principal',
          '--unit',
          SCHOOL_B,
          '--password',
          'cli-password-1',
        ],
        ctx,
      );
      expect(code).toBe(0);
      const lines = out().trim().split('\n');
      expect(lines).toHaveLength(1);
      const printed = JSON.parse(lines[0] as string) as { id: string; email: string; roles: unknown[] };
      expect(printed).toMatchObject({
        email: 'cli.principal@govap.test',
        roles: [{ role: 'principal', unitCode: SCHOOL_B }],
      });
      const login = await call(t.baseUrl, 'POST', 'auth/login', {
        body: { email: 'cli.principal@govap.test', password: 'cli-password-1' },
      });
      expect(login.status).toBe(200);
    });

    it('fails with one clear message for bad input or an existing e-mail', async () => {
      const run = (args: string[]) => usersCommand.run(args, cliContext().ctx);
      const base = ['add', '--email', 'cli.admin@govap.test', '--name', 'Admin', '--password', 'cli-password-2'];
      await expect(run([...base, '--role', 'king'])).rejects.toThrow(/--role must be one of/);
      await expect(run([...base, '--role', 'principal'])).rejects.toThrow(/unitCode is required/);
      await expect(run([...base, '--role', 'principal', '--unit', 'NOPE'])).rejects.toThrow(/Unknown unit NOPE/);
      await expect(run([...base, '--role', 'admin', '--colour', 'red'])).rejects.toThrow(/unknown option --colour/);
      await expect(run([...base.slice(0, -1), 'short', '--role', 'admin'])).rejects.toThrow(/at least 10/);
      expect(await run([...base, '--role', 'admin'])).toBe(0);
      await expect(run([...base, '--role', 'admin'])).rejects.toThrow(/already has an account/);
    });
  });
});
