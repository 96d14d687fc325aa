import type { NotificationPreferences, PersonView, RoleAssignmentView } from '@mw/shared';
import { PersonEntity } from './person.entity';

export interface AssignmentRow {
  id: string;
  person_id: string;
  role: RoleAssignmentView['role'];
  unit_code: string;
  unit_name: string;
  deputy: boolean;
  assumed_at: Date;
  renounced_at: Date | null;
}

export function toAssignmentView(r: AssignmentRow): RoleAssignmentView {
  return {
    id: r.id,
    role: r.role,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    deputy: r.deputy,
    assumedAt: r.assumed_at.toISOString(),
    renouncedAt: r.renounced_at ? r.renounced_at.toISOString() : null,
  };
}

export function toPreferences(p: PersonEntity): NotificationPreferences {
  return {
    channels: p.notifyChannels,
    quietHours: p.quietHoursStart && p.quietHoursEnd ? { start: p.quietHoursStart, end: p.quietHoursEnd } : null,
  };
}

export function toPersonView(p: PersonEntity, assignments: AssignmentRow[]): PersonView {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    phone: p.phone,
    zaloId: p.zaloId,
    language: p.language,
    active: p.active,
    roles: assignments.filter((a) => a.renounced_at === null).map(toAssignmentView),
  };
}

/** Fields worth keeping in the audit log; never the password hash. */
export function auditablePerson(p: PersonEntity): Record<string, unknown> {
  return {
    name: p.name,
    email: p.email,
    phone: p.phone,
    zaloId: p.zaloId,
    language: p.language,
    active: p.active,
  };
}

export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}
