/**
 * Contracts of the organisation module: sign-in, people and their roles, units and their spokesperson network,
 * notification preferences and the audit log. `POST /api/auth/login` and `GET /api/me` are used by external checks:
 * their shapes only grow, never change.
 */
import type { Language, Role, UnitLevel } from '../enums/organisation';

/** Error codes specific to sign-in, sent in the `code` of the error body next to the generic ones. */
export const AuthErrorCode = {
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  InvalidToken: 'INVALID_TOKEN',
  RefreshTokenReused: 'REFRESH_TOKEN_REUSED',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/** Code of the education office's own unit (Phòng GD&ĐT Gò Vấp — Văn phòng), where office roles are held. */
export const OFFICE_UNIT_CODE = 'GV-OFFICE';

/** Roles that see every unit; the others see only the units where they hold them. */
export const OFFICE_ROLES: readonly Role[] = ['admin', 'office_spokesperson', 'leader', 'steering_member'];
export const UNIT_ROLES: readonly Role[] = ['unit_spokesperson', 'unit_web_admin', 'principal'];

/** One role held at one unit (an active role assignment), as `/api/me` lists them in `roles`. */
export interface RoleGrant {
  role: Role;
  unitCode: string;
}

/**
 * Whether a grant counts at a unit: a role counts only where it was granted, except an office role held at the
 * office unit, which reaches every unit. A web admin's grant at school B says nothing about school A, and a person
 * who is spokesperson at A and web admin at B handles A's tickets only.
 */
export function grantReaches(grant: RoleGrant, unitCode: string): boolean {
  if (OFFICE_ROLES.includes(grant.role)) return grant.unitCode === OFFICE_UNIT_CODE;
  return grant.unitCode === unitCode;
}

/**
 * Whether one of `grants` is one of `roles` counting at one of `unitCodes` (the one test of every decision). An office
 * grant counts even where no unit is named, as for a ticket about the office alone.
 */
export function holdsRoleAt(
  grants: readonly RoleGrant[],
  roles: readonly Role[],
  unitCodes: readonly string[],
): boolean {
  return grants.some(
    (g) => roles.includes(g.role) && (isOfficeGrant(g) || unitCodes.some((code) => grantReaches(g, code))),
  );
}

function isOfficeGrant(grant: RoleGrant): boolean {
  return OFFICE_ROLES.includes(grant.role) && grant.unitCode === OFFICE_UNIT_CODE;
}

/** Whether one of `grants` is one of `roles` held at the office, so that it counts at every unit. */
export function holdsOfficeRole(grants: readonly RoleGrant[], roles: readonly Role[] = OFFICE_ROLES): boolean {
  return grants.some((g) => roles.includes(g.role) && isOfficeGrant(g));
}

/*
 * Who may act on tickets and read the office's records: the server's `@Roles` and the dashboard's menus and buttons
 * read these same lists, so the two cannot drift apart.
 */

/** Open incidents by hand, assign them, merge and split them. */
export const INCIDENT_OPENERS: readonly Role[] = ['unit_spokesperson', 'office_spokesperson', 'leader', 'admin'];
/** Read the audit log. (The escalation settings are read by OFFICE_ROLES.) */
export const AUDIT_READERS: readonly Role[] = ['admin', 'leader'];
/** Read reports: office roles every unit's, a principal their own school's (see the reports module). */
export const REPORT_READERS: readonly Role[] = [
  'admin',
  'office_spokesperson',
  'leader',
  'steering_member',
  'principal',
];

export const NotificationChannel = { InApp: 'in_app', Email: 'email', Zalo: 'zalo' } as const;
export type NotificationChannel = (typeof NotificationChannel)[keyof typeof NotificationChannel];

/** Quiet hours in Asia/Ho_Chi_Minh, 'HH:mm'; a window may cross midnight (22:00–06:00). */
export interface QuietHours {
  start: string;
  end: string;
}

export interface NotificationPreferences {
  channels: NotificationChannel[];
  /** Non-urgent messages wait until the window ends; the most severe incidents ignore it. */
  quietHours: QuietHours | null;
}

export interface UpdatePreferencesRequest {
  channels?: NotificationChannel[];
  quietHours?: QuietHours | null;
  language?: Language;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LogoutRequest {
  refreshToken?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface LoginResponse extends TokenPair {
  user: MeResponse;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface ResetPasswordRequest {
  /** When absent a temporary password is generated and returned once. */
  newPassword?: string;
}

export interface ResetPasswordResponse {
  temporaryPassword?: string;
}

export interface RoleAssignmentView {
  id: string;
  role: Role;
  unitCode: string;
  unitName: string;
  /** A deputy (phó) of the role at the unit, e.g. the deputy spokesperson. */
  deputy: boolean;
  assumedAt: string;
  renouncedAt: string | null;
}

export interface PersonView {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  zaloId: string | null;
  language: Language;
  active: boolean;
  /** Active assignments only; see PersonDetail.roleHistory for every one. */
  roles: RoleAssignmentView[];
}

export interface PersonDetail extends PersonView {
  roleHistory: RoleAssignmentView[];
  preferences: NotificationPreferences;
  lockedUntil: string | null;
}

export interface MeResponse extends PersonView {
  preferences: NotificationPreferences;
  /** Unit codes this person may see, or 'all' for office roles. */
  scope: 'all' | string[];
}

export interface RoleAssignmentRequest {
  role: Role;
  /** Required for unit roles; office roles default to the office unit. */
  unitCode?: string;
  deputy?: boolean;
}

export interface CreatePersonRequest {
  name: string;
  email: string;
  phone?: string;
  zaloId?: string;
  language?: Language;
  password?: string;
  roles?: RoleAssignmentRequest[];
}

export interface UpdatePersonRequest {
  name?: string;
  email?: string;
  phone?: string | null;
  zaloId?: string | null;
  language?: Language;
  active?: boolean;
}

export interface UnitView {
  code: string;
  name: string;
  level: UnitLevel;
  ownership: string;
  address: string;
  aliases: string[];
  active: boolean;
}

export interface CreateUnitRequest {
  code: string;
  name: string;
  level: UnitLevel;
  ownership?: string;
  address?: string;
  aliases?: string[];
}

export interface UpdateUnitRequest {
  name?: string;
  address?: string;
  aliases?: string[];
  active?: boolean;
}

/** A contact in a unit's network. */
export interface NetworkContact {
  personId: string;
  name: string;
  email: string;
  phone: string | null;
  zaloId: string | null;
}

export interface UnitNetwork {
  unitCode: string;
  spokesperson: NetworkContact[];
  deputySpokesperson: NetworkContact[];
  webAdmin: NetworkContact[];
  principal: NetworkContact[];
  /** Office only: leadership (Ban Lãnh đạo), steering committee and the working group (every office role holder). */
  leaders?: NetworkContact[];
  steeringCommittee?: NetworkContact[];
  workingGroup?: NetworkContact[];
}

export interface UnitDetail extends UnitView {
  network: UnitNetwork;
}

export type NetworkGap = 'spokesperson' | 'principal';

export interface OrganisationGapsResponse {
  units: { code: string; name: string; level: UnitLevel; missing: NetworkGap[] }[];
  totalUnits: number;
}

export interface AuditEntryView {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** What the entry points to in words (a person's name, a source's name, "#12 title"), when it still exists. */
  entityLabel: string | null;
  before: unknown;
  after: unknown;
  at: string;
  ip: string | null;
}

/**
 * Query of GET /api/people. Without `page` and `pageSize` the answer is every match as an array (the original
 * contract); with either of them it is a `Page<PersonView>` (page from 1, pageSize at most 200, default 50).
 */
export interface PersonListQuery {
  /** Substring of the name or e-mail, case-insensitive. */
  q?: string;
  role?: Role;
  unitCode?: string;
  active?: boolean;
  page?: number;
  pageSize?: number;
}

/** Query of GET /api/units: like PersonListQuery, an array without `page`/`pageSize`, a `Page<UnitView>` with. */
export interface UnitListQuery {
  level?: UnitLevel;
  active?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Query of GET /api/audit; `from`/`to` are date-times with an offset (`2026-01-05T00:00:00+07:00`) bounding `at`
 * half-open: `from` inclusive, `to` exclusive. `from` after `to` is refused.
 */
export interface AuditListQuery {
  page?: number;
  pageSize?: number;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
