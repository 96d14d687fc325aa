/**
 * The app the organisation specs run against: real PostgreSQL, an admin, a leader and the principal of THPT Gò Vấp.
 */
import { tokenFor } from '../factories/auth.factory';
import { createPerson, type PersonRow } from '../factories/person.factory';
import { startTestApp, type TestApp } from './test-app';

export const SCHOOL_A = '79000724'; // THPT Gò Vấp
export const SCHOOL_B = '79000725'; // THPT Nguyễn Công Trứ

export interface OrganisationTestApp {
  t: TestApp;
  admin: PersonRow;
  leader: PersonRow;
  principalA: PersonRow;
}

/**
 * Starts the app before the calling describe block's tests and closes it after them; `assign` receives it once
 * started (the spec keeps its own bindings). Returns a signer: a person's access token.
 */
export function useOrganisationTestApp(assign: (app: OrganisationTestApp) => void): {
  token: (p: PersonRow) => string;
} {
  let app: OrganisationTestApp | undefined;
  beforeAll(async () => {
    const t = await startTestApp({ MW_JWT_SECRET: 'x'.repeat(40) });
    const ds = t.db.dataSource;
    app = {
      t,
      admin: await createPerson(ds, { roles: [{ role: 'admin' }] }),
      leader: await createPerson(ds, { roles: [{ role: 'leader' }] }),
      principalA: await createPerson(ds, { name: 'Hiệu trưởng A', roles: [{ role: 'principal', unitCode: SCHOOL_A }] }),
    };
    assign(app);
  });
  afterAll(async () => {
    await app?.t.close();
  });
  return { token: (p) => tokenFor((app as OrganisationTestApp).t.app, p.id) };
}
