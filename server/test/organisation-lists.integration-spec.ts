/**
 * Paged and searched lists (people, units, audit) and the `users add` CLI, against real PostgreSQL with one app for
 * the file (the rest of the organisation module: organisation.integration-spec.ts).
 */
import { PassThrough } from 'node:stream';
import type { AuditEntryView, Page, PersonDetail, PersonView, UnitView } from '@mw/shared';
import type { CliContext } from '../src/cli/cli-command';
import { usersCommand } from '../src/modules/organisation/users.commands';
import { call } from './factories/auth.factory';
import { createPerson, PersonRow } from './factories/person.factory';
import { SCHOOL_A, SCHOOL_B, useOrganisationTestApp } from './harness/organisation-app';
import type { TestApp } from './harness/test-app';

describe('organisation lists and CLI (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: PersonRow;
  let leader: PersonRow;
  let principalA: PersonRow;
  const { token } = useOrganisationTestApp((app) => {
    ({ t, admin, leader, principalA } = app);
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
