/**
 * The demo's people, one for every role of the spokesperson network, with Vietnamese names. The four accounts an
 * external check signs in with (vanphong, lanhdao, phatngon.phantayho, hieutruong.phantayho) are part of the
 * contract and must not change.
 */
import { OFFICE_UNIT_CODE, Role } from '@mw/shared';
import { CRISIS_UNIT } from './script';

export const DEFAULT_DEMO_PASSWORD = 'demo-govap-2026';

export interface DemoPerson {
  name: string;
  email: string;
  role: Role;
  unitCode: string;
  unitName: string;
  /** What this person sees in the demo, for the terminal. */
  sees: string;
}

const OFFICE = { unitCode: OFFICE_UNIT_CODE, unitName: 'Phòng Giáo dục và Đào tạo Gò Vấp' };
const SCHOOL = { unitCode: CRISIS_UNIT.code, unitName: CRISIS_UNIT.name };

/** The admin the server creates at start (MW_ADMIN_EMAIL), listed with the others. */
export const DEMO_ADMIN: DemoPerson = {
  name: 'Quản trị hệ thống',
  email: 'admin@demo.local',
  role: Role.Admin,
  ...OFFICE,
  sees: 'everything, and the settings',
};

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    name: 'Nguyễn Thị Thanh Hương',
    email: 'vanphong@demo.local',
    role: Role.OfficeSpokesperson,
    ...OFFICE,
    sees: 'every incident of the district, good news, sources',
  },
  {
    name: 'Trần Văn Minh',
    email: 'lanhdao@demo.local',
    role: Role.Leader,
    ...OFFICE,
    sees: 'escalations to leadership, reports',
  },
  {
    name: 'Lê Thị Kim Oanh',
    email: 'bandieuhanh@demo.local',
    role: Role.SteeringMember,
    ...OFFICE,
    sees: 'the office level of the escalation',
  },
  {
    name: 'Phạm Quốc Bảo',
    email: 'phatngon.phantayho@demo.local',
    role: Role.UnitSpokesperson,
    ...SCHOOL,
    sees: "the school's incident first",
  },
  {
    name: 'Võ Thị Ngọc Lan',
    email: 'hieutruong.phantayho@demo.local',
    role: Role.Principal,
    ...SCHOOL,
    sees: 'the escalation when nobody acknowledges',
  },
  {
    name: 'Đặng Minh Khoa',
    email: 'quantriweb.phantayho@demo.local',
    role: Role.UnitWebAdmin,
    ...SCHOOL,
    sees: "the school's own sources",
  },
];
