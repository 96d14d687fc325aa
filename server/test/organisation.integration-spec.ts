/**
 * Units, the spokesperson network, people and roles, per-school scoping and the audit log, against real
 * PostgreSQL with one app for the file.
 */
import type {
  AuditEntryView,
  MeResponse,
  OrganisationGapsResponse,
  Page,
  PersonDetail,
  RoleAssignmentView,
  UnitDetail,
  UnitNetwork,
  UnitView,
} from '@mw/shared';
import { canJoinRoom } from '../src/common/auth/scope';
import { AuthService } from '../src/modules/organisation/auth/auth.service';
import { UnitsService } from '../src/modules/organisation/units/units.service';
import { call } from './factories/auth.factory';
import { createPerson, PersonRow } from './factories/person.factory';
import { createUnit } from './factories/unit.factory';
import { SCHOOL_A, SCHOOL_B, useOrganisationTestApp } from './harness/organisation-app';
import type { TestApp } from './harness/test-app';

describe('organisation (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: PersonRow;
  let leader: PersonRow;
  let principalA: PersonRow;
  const { token } = useOrganisationTestApp((app) => {
    ({ t, admin, leader, principalA } = app);
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
});
