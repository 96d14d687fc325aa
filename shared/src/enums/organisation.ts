/** Roles a person holds at a unit (or, for office roles, at the office unit). */
export const Role = {
  Admin: 'admin',
  OfficeSpokesperson: 'office_spokesperson',
  Leader: 'leader',
  SteeringMember: 'steering_member',
  UnitSpokesperson: 'unit_spokesperson',
  UnitWebAdmin: 'unit_web_admin',
  Principal: 'principal',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

/** Unit levels as the registry writes them. */
export const UnitLevel = {
  Preschool: 'MN',
  Primary: 'TH',
  LowerSecondary: 'THCS',
  UpperSecondary: 'THPT',
  Office: 'OFFICE',
} as const;
export type UnitLevel = (typeof UnitLevel)[keyof typeof UnitLevel];

export const Language = { Vi: 'vi', En: 'en' } as const;
export type Language = (typeof Language)[keyof typeof Language];
