/**
 * Who is on a ticket: assigning and unassigning by hand, and taking off those a split left without a role at the
 * ticket's units. Whether a person may be assigned is read through the organisation module in the caller's
 * transaction (see mayBeAssigned).
 */
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ErrorCode, TimelineCode, type AssignRequest, type IncidentDetail, type PersonDetail } from '@mw/shared';
import type { EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { Clock } from '../../../common/clock/clock';
import { AuditService, PeopleService } from '../../organisation';
import { IncidentNotifier } from '../incident-notifier';
import { mayBeAssigned } from '../incident-permissions';
import { IncidentQueries } from '../incident-queries.service';
import { unique } from '../incident-recipients';
import { AssignmentStore } from '../store/assignment.store';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore } from '../store/incident.store';
import { IncidentChanges } from './incident-changes';

@Injectable()
export class AssignmentFlow {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
    private readonly store: IncidentStore,
    private readonly assignments: AssignmentStore,
    private readonly changes: IncidentChanges,
    private readonly notifier: IncidentNotifier,
    private readonly queries: IncidentQueries,
  ) {}

  async assign(actor: Actor, user: AuthUser, id: string, req: AssignRequest): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m, row) => {
      const now = this.clock.now();
      const wanted = unique(req.personIds);
      const current = await this.assignments.currentIds(m, id);
      const added = wanted.filter((p) => !current.includes(p));
      // Only newcomers are checked: a current assignee who has since lost their role must not block reassigning.
      await this.assertAssignable(m, added, await this.store.unitCodes(m, id));
      const removed = req.replace ? current.filter((p) => !wanted.includes(p)) : [];
      for (const personId of added) await this.assignments.assign(m, id, personId, now, user.id);
      if (removed.length > 0) await this.assignments.unassign(m, id, removed, now, user.id);
      if (added.length > 0) {
        await appendTimeline(m, {
          incidentId: id,
          at: now,
          actorId: user.id,
          message: { code: TimelineCode.Assigned, params: { count: added.length } },
          data: { personIds: added },
        });
        const ctx = await this.store.context(m, id);
        if (ctx) {
          await this.notifier.notify(m, {
            incidentId: id,
            event: `incident.assigned.${now.getTime()}`,
            level: 1,
            recipientIds: added,
            severity: row.severity,
            template: 'incident.opened',
            params: this.notifier.templateParams(ctx),
          });
        }
      }
      if (removed.length > 0) {
        await appendTimeline(m, {
          incidentId: id,
          at: now,
          actorId: user.id,
          message: { code: TimelineCode.Unassigned, params: { count: removed.length } },
          data: { personIds: removed },
        });
      }
      await this.audit.record(
        actor,
        {
          action: 'incident.assign',
          entityType: 'incident',
          entityId: id,
          before: { assignees: current },
          after: { added, removed },
        },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  /**
   * After a split took units off the incident, takes off every assignee who may no longer be on it (see mayBeAssigned
   * against the units it keeps), whatever brought them: a unit default, a merge or a hand assignment. Someone who also
   * holds a role at a unit it keeps stays, whichever unit their assignment was recorded for. Returns who came off.
   */
  async unassignOutOfScope(
    m: EntityManager,
    id: string,
    units: { after: string[]; removed: string[] },
    now: Date,
    actorId: string,
  ): Promise<string[]> {
    if (units.removed.length === 0) return [];
    const out: string[] = [];
    for (const personId of await this.assignments.currentIds(m, id)) {
      const person = await this.findPerson(m, personId);
      if (!person || !mayBeAssigned(person.roles, units.after)) out.push(personId);
    }
    if (out.length === 0) return [];
    await this.assignments.unassign(m, id, out, now, actorId);
    return unique(out);
  }

  /** A person read through the organisation module in the caller's transaction; null when there is none. */
  private async findPerson(m: EntityManager, personId: string): Promise<PersonDetail | null> {
    return this.people.get(personId, m).catch((error: unknown) => {
      if (error instanceof NotFoundException) return null;
      throw error;
    });
  }

  /**
   * Every person being added must be active and hold now a role that handles this incident (see mayBeAssigned); read
   * in the caller's transaction through the organisation module. Refused with the people named, and their ids in
   * `params.personIds` (comma-separated) so the dashboard can point at them.
   */
  private async assertAssignable(m: EntityManager, personIds: string[], unitCodes: string[]): Promise<void> {
    const refusals: string[] = [];
    const refusedIds: string[] = [];
    for (const personId of personIds) {
      const person = await this.findPerson(m, personId);
      if (!person) refusals.push(`Unknown person ${personId}`);
      else if (!person.active) refusals.push(`${person.name} (${person.id}) is no longer active`);
      else if (!mayBeAssigned(person.roles, unitCodes)) {
        refusals.push(
          `${person.name} (${person.id}) holds no current role at this incident's units (spokesperson, deputy, ` +
            `principal) nor at the office (spokesperson, deputy, leader)`,
        );
      } else continue;
      refusedIds.push(personId);
    }
    if (refusals.length > 0) {
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'personIds',
        message: refusals.join('; '),
        params: { personIds: refusedIds.join(',') },
      });
    }
  }
}
