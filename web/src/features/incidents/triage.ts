/**
 * Who may reassign, merge and split a ticket, and what they may pick from. The roles are the shared INCIDENT_OPENERS,
 * the list the server's `@Roles` on those routes reads, and like the server they count only at the unit they were
 * granted at (`holdsRoleAt`): a spokesperson of one school who is web admin of another triages the first school's
 * tickets only. The server still decides, and the scope of each pick (units, incidents) is what the server already
 * scoped for this person.
 */
import {
  CLOSED_INCIDENT_STATUSES,
  ErrorCode,
  fold,
  holdsRoleAt,
  INCIDENT_OPENERS,
  type IncidentAssigneeView,
  type IncidentDetail,
  type IncidentListItem,
  type MeResponse,
  type NetworkContact,
  type UnitNetwork,
} from '@mw/shared';
import { ApiError } from '../../api/http';

type Ticket = Pick<IncidentDetail, 'status' | 'mergedInto' | 'mentions' | 'units'>;

/** An opening role (INCIDENT_OPENERS) held at one of the ticket's units, or at the office. */
function opens(me: MeResponse | undefined, incident: Ticket): boolean {
  return holdsRoleAt(
    me?.roles ?? [],
    INCIDENT_OPENERS,
    incident.units.map((u) => u.code),
  );
}

export function canReassign(me: MeResponse | undefined, incident: Ticket): boolean {
  return opens(me, incident) && !incident.mergedInto;
}

/** The server refuses to merge into a closed incident. */
export function canMerge(me: MeResponse | undefined, incident: Ticket): boolean {
  return opens(me, incident) && !incident.mergedInto && !CLOSED_INCIDENT_STATUSES.includes(incident.status);
}

/** A split moves some, never all, of the mentions: it needs at least two. */
export function canSplit(me: MeResponse | undefined, incident: Ticket): boolean {
  return opens(me, incident) && !incident.mergedInto && incident.mentions.length >= 2;
}

/** The part a person plays at a unit, as far as handling incidents goes. */
export type CandidateRole = 'spokesperson' | 'deputySpokesperson' | 'principal' | 'leader';

export interface AssigneeCandidate {
  personId: string;
  name: string;
  /** Where and as what the person may be asked to handle the ticket; empty for a current assignee found nowhere. */
  roles: { unitCode: string; role: CandidateRole }[];
  current: boolean;
}

/** Network parts whose people handle incidents (web admins do not); leaders only exist on the office network. */
const HANDLING_PARTS: readonly [keyof UnitNetwork & CandidateRole, CandidateRole][] = [
  ['spokesperson', 'spokesperson'],
  ['deputySpokesperson', 'deputySpokesperson'],
  ['principal', 'principal'],
];

/**
 * The people a ticket may be given to: the handlers of each network (the incident's units, then the office when the
 * person sees it), each person once with every part they play, plus current assignees so that a reassignment never
 * drops someone silently.
 */
export function assigneeCandidates(networks: UnitNetwork[], current: IncidentAssigneeView[]): AssigneeCandidate[] {
  const byId = new Map<string, AssigneeCandidate>();
  const currentIds = new Set(current.map((a) => a.personId));
  const add = (contact: NetworkContact, unitCode: string, role: CandidateRole) => {
    let candidate = byId.get(contact.personId);
    if (!candidate) {
      candidate = {
        personId: contact.personId,
        name: contact.name,
        roles: [],
        current: currentIds.has(contact.personId),
      };
      byId.set(contact.personId, candidate);
    }
    if (!candidate.roles.some((r) => r.unitCode === unitCode && r.role === role)) {
      candidate.roles.push({ unitCode, role });
    }
  };
  for (const network of networks) {
    for (const [part, role] of HANDLING_PARTS) for (const c of network[part]) add(c, network.unitCode, role);
    for (const c of network.leaders ?? []) add(c, network.unitCode, 'leader');
  }
  for (const a of current) {
    if (!byId.has(a.personId)) byId.set(a.personId, { personId: a.personId, name: a.name, roles: [], current: true });
  }
  return [...byId.values()];
}

/**
 * Incidents that can be folded into `targetId`: open ones (a merged incident is closed as resolved) other than the
 * target, whose title, number (#42 or 42) or unit names contain the search, ignoring case and diacritics.
 */
export function mergeCandidates(items: IncidentListItem[], targetId: string, search: string): IncidentListItem[] {
  const needle = fold(search.trim().replace(/^#/, ''));
  return items.filter(
    (i) =>
      i.id !== targetId &&
      !CLOSED_INCIDENT_STATUSES.includes(i.status) &&
      (!needle ||
        String(i.number) === needle ||
        fold(i.title).includes(needle) ||
        i.units.some((u) => fold(u.name).includes(needle))),
  );
}

/** A split must name some but not all of the incident's mentions. */
export function splitSelectionValid(selected: ReadonlySet<string>, mentionCount: number): boolean {
  return selected.size > 0 && selected.size < mentionCount;
}

/** A copy of a ticked set with `id` ticked (`on`) or not; the set given is left as it was. */
export function withToggled(selected: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * Current assignees who no longer hold a role that makes them assignable (the networks list no handler by that id).
 * Only known when every network that could list them was read (`complete`: the incident's units and the office);
 * otherwise nobody is flagged and the server keeps current assignees as they are.
 */
export function staleAssigneeIds(candidates: AssigneeCandidate[], complete: boolean): Set<string> {
  if (!complete) return new Set();
  return new Set(candidates.filter((c) => c.current && c.roles.length === 0).map((c) => c.personId));
}

/** What the reassign panel ticks at first: the current assignees who still qualify. */
export function initialAssigneeSelection(current: IncidentAssigneeView[], stale: ReadonlySet<string>): Set<string> {
  return new Set(current.map((a) => a.personId).filter((id) => !stale.has(id)));
}

/**
 * The people a refused assignment names (`params.personIds`, comma-separated), by name where the panel knows them,
 * else by id; empty when the error names nobody.
 */
export function refusedAssigneeNames(error: unknown, known: readonly { personId: string; name: string }[]): string[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  const raw = error.body?.params?.personIds;
  if (typeof raw !== 'string' || raw === '') return [];
  const names = new Map(known.map((k) => [k.personId, k.name]));
  return raw.split(',').map((id) => names.get(id) ?? id);
}

/** A merge or split refused because the ticket changed meanwhile (merged elsewhere, closed): the lists are stale. */
export function isStaleTicketError(error: unknown): boolean {
  const code = error instanceof ApiError ? error.body?.code : undefined;
  return code === ErrorCode.InvalidTransition || code === ErrorCode.Conflict;
}
