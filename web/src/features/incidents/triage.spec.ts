/// <reference types="jest" />
import {
  ErrorCode,
  OFFICE_ROLES,
  OFFICE_UNIT_CODE,
  type IncidentAssigneeView,
  type IncidentListItem,
  type IncidentMentionView,
  type IncidentStatus,
  type MeResponse,
  type Role,
  type UnitNetwork,
} from '@mw/shared';
import { ApiError } from '../../api/http';
import {
  assigneeCandidates,
  canMerge,
  canReassign,
  canSplit,
  initialAssigneeSelection,
  isStaleTicketError,
  mergeCandidates,
  refusedAssigneeNames,
  splitSelectionValid,
  staleAssigneeIds,
  withToggled,
} from './triage';

function me(...roles: Role[]): MeResponse {
  return atUnit('79764314', ...roles);
}

/** Office roles are held at the office unit whatever `unitCode` says, as the server records them. */
function atUnit(unitCode: string, ...roles: Role[]): MeResponse {
  return {
    roles: roles.map((role, i) => ({
      id: String(i),
      role,
      unitCode: OFFICE_ROLES.includes(role) ? OFFICE_UNIT_CODE : unitCode,
      unitName: 'Trường MN Hoa Sen',
      deputy: false,
      assumedAt: '',
      renouncedAt: null,
    })),
  } as MeResponse;
}

function ticket(status: IncidentStatus, mentions: number, mergedInto: string | null = null) {
  return {
    status,
    mergedInto,
    mentions: Array.from({ length: mentions }, (_, i) => ({ mentionId: `m${i}` }) as IncidentMentionView),
    units: [{ code: '79764314', name: 'Trường MN Hoa Sen' }],
  };
}

function listItem(id: string, number: number, title: string, status: IncidentStatus, unit = 'THCS Nguyễn Du') {
  return { id, number, title, status, units: [{ code: 'x', name: unit }] } as IncidentListItem;
}

const contact = (personId: string, name: string) => ({ personId, name, email: '', phone: null, zaloId: null });

describe('who may triage an incident', () => {
  it('offers reassignment to spokespersons, leaders and admins, never to principals, web admins or steering members', () => {
    const open = ticket('acknowledged', 2);
    for (const role of ['unit_spokesperson', 'office_spokesperson', 'leader', 'admin'] as Role[]) {
      expect(canReassign(me(role), open)).toBe(true);
    }
    for (const role of ['principal', 'unit_web_admin', 'steering_member'] as Role[]) {
      expect(canReassign(me(role), open)).toBe(false);
      expect(canMerge(me(role), open)).toBe(false);
      expect(canSplit(me(role), open)).toBe(false);
    }
    expect(canReassign(undefined, open)).toBe(false);
    // A principal who is also the school's spokesperson holds a permitted role there.
    expect(canReassign(me('principal', 'unit_spokesperson'), open)).toBe(true);
  });

  it('counts a role only at the unit it was granted at, an office role at every school', () => {
    const open = ticket('acknowledged', 2);
    const spokespersonElsewhere: MeResponse = {
      roles: [...atUnit('79764314', 'unit_web_admin').roles, ...atUnit('79000724', 'unit_spokesperson').roles],
    } as MeResponse;
    expect(canReassign(spokespersonElsewhere, open)).toBe(false);
    expect(canMerge(spokespersonElsewhere, open)).toBe(false);
    expect(canSplit(spokespersonElsewhere, open)).toBe(false);
    expect(canReassign(atUnit('79000724', 'leader'), open)).toBe(true);
  });

  it('merges only into an open ticket that is not itself merged', () => {
    expect(canMerge(me('unit_spokesperson'), ticket('investigating', 0))).toBe(true);
    expect(canMerge(me('admin'), ticket('resolved', 3))).toBe(false);
    expect(canMerge(me('admin'), ticket('dismissed', 3))).toBe(false);
    expect(canMerge(me('admin'), ticket('new', 3, 'other'))).toBe(false);
    expect(canReassign(me('admin'), ticket('resolved', 3, 'other'))).toBe(false);
  });

  it('splits only a ticket with at least two mentions', () => {
    expect(canSplit(me('leader'), ticket('new', 1))).toBe(false);
    expect(canSplit(me('leader'), ticket('new', 2))).toBe(true);
    expect(canSplit(me('leader'), ticket('resolved', 2))).toBe(true);
  });
});

describe('assignee candidates', () => {
  const school: UnitNetwork = {
    unitCode: '79764314',
    spokesperson: [contact('p1', 'Lê Minh Tâm')],
    deputySpokesperson: [contact('p2', 'Phạm Thu')],
    webAdmin: [contact('p3', 'Quản trị web')],
    principal: [contact('p4', 'Nguyễn Thị Thu Hà'), contact('p1', 'Lê Minh Tâm')],
  };
  const office: UnitNetwork = {
    unitCode: 'GV-OFFICE',
    spokesperson: [contact('o1', 'Người phát ngôn Phòng')],
    deputySpokesperson: [],
    webAdmin: [],
    principal: [],
    leaders: [contact('o2', 'Trưởng phòng')],
    steeringCommittee: [contact('o3', 'Ban chỉ đạo')],
    workingGroup: [contact('o1', 'Người phát ngôn Phòng'), contact('o2', 'Trưởng phòng'), contact('o3', 'Ban chỉ đạo')],
  };
  const assignee = (personId: string, name: string) =>
    ({ personId, name, reason: 'assigned', assignedAt: '', unassignedAt: null }) as IncidentAssigneeView;

  it('lists the handlers of each network once, with every part they play, and leaves web admins and the steering committee out', () => {
    const candidates = assigneeCandidates([school, office], [assignee('o1', 'Người phát ngôn Phòng')]);
    expect(candidates.map((c) => c.personId)).toEqual(['p1', 'p2', 'p4', 'o1', 'o2']);
    expect(candidates[0]?.roles).toEqual([
      { unitCode: '79764314', role: 'spokesperson' },
      { unitCode: '79764314', role: 'principal' },
    ]);
    expect(candidates.find((c) => c.personId === 'o2')?.roles).toEqual([{ unitCode: 'GV-OFFICE', role: 'leader' }]);
    expect(candidates.filter((c) => c.current).map((c) => c.personId)).toEqual(['o1']);
  });

  it('keeps a current assignee found in no network, so that saving never drops them unseen', () => {
    const candidates = assigneeCandidates([school], [assignee('z9', 'Người từ sự vụ đã gộp')]);
    expect(candidates.at(-1)).toEqual({ personId: 'z9', name: 'Người từ sự vụ đã gộp', roles: [], current: true });
  });

  it('flags and leaves unticked current assignees no network lists, once every network was read', () => {
    const current = [assignee('p1', 'Lê Minh Tâm'), assignee('z9', 'Người đã chuyển công tác')];
    const candidates = assigneeCandidates([school, office], current);
    const stale = staleAssigneeIds(candidates, true);
    expect([...stale]).toEqual(['z9']);
    expect([...initialAssigneeSelection(current, stale)]).toEqual(['p1']);
    // Without the office's network an office assignee would look role-less: nobody is flagged then.
    const partial = staleAssigneeIds(assigneeCandidates([school], [...current, assignee('o1', 'Phòng')]), false);
    expect(partial.size).toBe(0);
    expect([...initialAssigneeSelection(current, partial)]).toEqual(['p1', 'z9']);
  });

  it('names the people a refused assignment lists in params.personIds, by name where known', () => {
    const refused = new ApiError(400, {
      statusCode: 400,
      code: ErrorCode.ValidationFailed,
      field: 'personIds',
      message: 'Phạm Thu (p2) holds no current role',
      params: { personIds: 'p2,unknown-id' },
    });
    expect(refusedAssigneeNames(refused, [{ personId: 'p2', name: 'Phạm Thu' }])).toEqual(['Phạm Thu', 'unknown-id']);
    const bare = new ApiError(400, { statusCode: 400, code: ErrorCode.ValidationFailed, message: 'x' });
    expect(refusedAssigneeNames(bare, [])).toEqual([]);
    expect(refusedAssigneeNames(new Error('offline'), [])).toEqual([]);
  });
});

describe('merge candidates', () => {
  const items = [
    listItem('a', 1, 'Học sinh bị đánh hội đồng', 'new'),
    listItem('b', 2, 'Phụ huynh phản ánh bữa ăn', 'investigating', 'Trường MN Hoa Sen'),
    listItem('c', 3, 'Tin đồn đã xử lý', 'resolved'),
    listItem('d', 4, 'Nhận diện sai', 'dismissed'),
    listItem('e', 12, 'Clip lan truyền', 'acknowledged'),
  ];

  it('offers the other open incidents only', () => {
    expect(mergeCandidates(items, 'a', '').map((i) => i.id)).toEqual(['b', 'e']);
  });

  it('searches titles and units without diacritics, and numbers with or without #', () => {
    expect(mergeCandidates(items, 'x', 'danh hoi dong').map((i) => i.id)).toEqual(['a']);
    expect(mergeCandidates(items, 'x', 'HOA SEN').map((i) => i.id)).toEqual(['b']);
    expect(mergeCandidates(items, 'x', '#12').map((i) => i.id)).toEqual(['e']);
    expect(mergeCandidates(items, 'x', '1').map((i) => i.id)).toEqual(['a']);
  });
});

describe('split selection', () => {
  it('needs some but not all mentions', () => {
    expect(splitSelectionValid(new Set(), 3)).toBe(false);
    expect(splitSelectionValid(new Set(['m1']), 3)).toBe(true);
    expect(splitSelectionValid(new Set(['m1', 'm2', 'm3']), 3)).toBe(false);
  });
});

describe('ticking in a list', () => {
  it('returns a new set with the item ticked or unticked, leaving the old one alone', () => {
    const before = new Set(['a']);
    expect([...withToggled(before, 'b', true)]).toEqual(['a', 'b']);
    expect([...withToggled(before, 'a', false)]).toEqual([]);
    expect([...withToggled(before, 'a', true)]).toEqual(['a']);
    expect([...before]).toEqual(['a']);
    expect(withToggled(before, 'a', true)).not.toBe(before);
  });
});

describe('a merge or split refused because the tickets changed', () => {
  const error = (status: number, code: ErrorCode) => new ApiError(status, { statusCode: status, code, message: '' });
  it('recognises an invalid transition or a conflict, nothing else', () => {
    expect(isStaleTicketError(error(409, ErrorCode.InvalidTransition))).toBe(true);
    expect(isStaleTicketError(error(409, ErrorCode.Conflict))).toBe(true);
    expect(isStaleTicketError(error(400, ErrorCode.ValidationFailed))).toBe(false);
    expect(isStaleTicketError(error(404, ErrorCode.NotFound))).toBe(false);
    expect(isStaleTicketError(new Error('offline'))).toBe(false);
  });
});
