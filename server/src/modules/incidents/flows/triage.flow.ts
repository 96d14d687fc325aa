/**
 * Triage of tickets: merging duplicates into one ticket, and splitting coverage that turned out to be another
 * story off into a new ticket. Both lock every ticket they touch, tell the timeline of each side, and re-assess
 * the ticket that keeps or gains coverage.
 */
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IncidentErrorCode, TimelineCode, type IncidentDetail, type MergeRequest, type SplitRequest } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { Clock } from '../../../common/clock/clock';
import { EscalationClocks } from '../../escalation';
import { AuditService } from '../../organisation';
import { invalidTransition } from '../incident-errors';
import { IncidentNotifier } from '../incident-notifier';
import { IncidentQueries } from '../incident-queries.service';
import { unique } from '../incident-recipients';
import type { IncidentMentionRow } from '../incident-rows';
import { isClosed } from '../incident-status';
import { AssignmentStore } from '../store/assignment.store';
import { CoverageStore } from '../store/coverage.store';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore } from '../store/incident.store';
import { ticketUnits } from '../ticket-units';
import { AssignmentFlow } from './assignment.flow';
import { IncidentCoverage } from './coverage';
import { IncidentOpening } from './opening';

@Injectable()
export class TriageFlow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly store: IncidentStore,
    private readonly coverageStore: CoverageStore,
    private readonly assignments: AssignmentStore,
    private readonly coverage: IncidentCoverage,
    private readonly opening: IncidentOpening,
    private readonly assignment: AssignmentFlow,
    private readonly clocks: EscalationClocks,
    private readonly notifier: IncidentNotifier,
    private readonly queries: IncidentQueries,
  ) {}

  async merge(actor: Actor, user: AuthUser, id: string, req: MergeRequest): Promise<IncidentDetail> {
    const others = unique(req.incidentIds).filter((o) => o !== id);
    if (others.length === 0) throw invalidTransition('Name at least one other incident to merge');
    await this.dataSource.transaction(async (m) => {
      // Lock in id order so two merges of overlapping incidents cannot deadlock.
      for (const lockId of [id, ...others].sort()) await this.store.visible(m, user, lockId, true);
      const target = await this.store.lock(m, id);
      if (isClosed(target.status)) throw invalidTransition('Cannot merge into a closed incident');
      const now = this.clock.now();
      for (const otherId of others) {
        const other = await this.store.lock(m, otherId);
        if (other.merged_into) throw invalidTransition(`Incident #${other.number} is already merged`);
        await this.coverageStore.moveAll(m, id, otherId);
        await this.store.copyUnits(m, id, otherId);
        await this.assignments.copyCurrent(m, id, otherId, now, user.id);
        await this.store.markMerged(m, otherId, id, now);
        await this.store.addStories(m, id, other.story_ids);
        if (!isClosed(other.status)) {
          await this.store.resolveMerged(m, otherId, now);
          await this.clocks.stopAll(m, otherId, now);
        }
        await appendTimeline(m, {
          incidentId: otherId,
          at: now,
          actorId: user.id,
          message: { code: TimelineCode.MergedInto, params: { number: String(target.number) } },
          data: { into: id },
        });
        await appendTimeline(m, {
          incidentId: id,
          at: now,
          actorId: user.id,
          message: { code: TimelineCode.MergedFrom, params: { number: String(other.number) } },
          data: { from: otherId },
        });
      }
      await this.coverage.refresh(m, id, user.id);
      await this.audit.record(
        actor,
        { action: 'incident.merge', entityType: 'incident', entityId: id, after: { merged: others } },
        m,
      );
    });
    this.notifier.publishChange(id, 'incident.updated');
    // The merged-away tickets changed too (resolved, merged into this one): their dashboards hear of it as well.
    for (const otherId of others) this.notifier.publishChange(otherId, 'incident.updated');
    return this.queries.detail(id, user);
  }

  async split(actor: Actor, user: AuthUser, id: string, req: SplitRequest): Promise<IncidentDetail> {
    const { created: newId, droppedUnits } = await this.dataSource.transaction(async (m) => {
      const row = await this.store.visible(m, user, id, true);
      const moving = await this.coverageStore.some(m, id, req.mentionIds);
      const total = await this.coverageStore.count(m, id);
      if (moving.length === 0 || moving.length !== unique(req.mentionIds).length || moving.length >= total) {
        throw new BadRequestException({
          code: IncidentErrorCode.NothingToSplit,
          message: "Name some, not all, of this incident's mentions",
        });
      }
      const now = this.clock.now();
      await this.coverageStore.remove(m, id, req.mentionIds);
      // Each side's units come from its own mentions, the office left off as at intake.
      const unitCodes = unique(moving.flatMap((x) => ticketUnits(x.unit_codes)));
      const created = await this.opening.open(m, {
        title: (req.title ?? moving[0]?.title ?? row.title).normalize('NFC').trim(),
        description: `Tách từ sự việc #${row.number}`,
        origin: 'split',
        unitCodes: unitCodes.length > 0 ? unitCodes : await this.store.unitCodes(m, id),
        mentions: moving,
        sourceUrl: moving[0]?.url ?? null,
        category: moving[0]?.category ?? row.category,
        severity: null,
        actorId: user.id,
      });
      const movedStories = unique(moving.map((x) => x.story_id).filter((s): s is string => !!s));
      await this.store.resetStoriesToMentions(m, id);
      const units = await this.unitsAfterSplit(m, id, moving);
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.SplitOut, params: { count: moving.length } },
        data: { to: created, mentionIds: req.mentionIds, stories: movedStories, units },
      });
      const unassigned = await this.assignment.unassignOutOfScope(m, id, units, now, user.id);
      if (unassigned.length > 0) {
        await appendTimeline(m, {
          incidentId: id,
          at: now,
          actorId: user.id,
          message: { code: TimelineCode.Unassigned, params: { count: unassigned.length } },
          data: { personIds: unassigned, units: units.removed },
        });
      }
      await this.coverage.refresh(m, id, user.id);
      await this.audit.record(
        actor,
        {
          action: 'incident.split',
          entityType: 'incident',
          entityId: id,
          before: { units: units.before },
          after: { newIncident: created, mentionIds: req.mentionIds, units: units.after, unassigned },
        },
        m,
      );
      return { created, droppedUnits: units.removed };
    });
    // The schools that lost the ticket are told too, so their dashboards drop it without a reload.
    this.notifier.publishChange(id, 'incident.updated', droppedUnits);
    this.notifier.publishChange(newId, 'incident.opened');
    return this.queries.detail(newId, user);
  }

  /**
   * The units of an incident that coverage has just left: those its remaining mentions name (the office left off as
   * at intake), plus any no mention ever named (set by hand when opening, or merged in from a manual ticket). A unit
   * only the moved mentions named goes. Never leaves an incident without units.
   */
  private async unitsAfterSplit(
    m: EntityManager,
    id: string,
    movedOut: IncidentMentionRow[],
  ): Promise<{ before: string[]; after: string[]; removed: string[] }> {
    const before = await this.store.unitCodes(m, id);
    const remaining = await this.coverageStore.unitCodesByMention(m, id);
    const covered = new Set(remaining.flatMap((r) => ticketUnits(r.unit_codes)));
    const everNamed = new Set([...remaining, ...movedOut].flatMap((r) => r.unit_codes));
    const after = before.filter((c) => covered.has(c) || !everNamed.has(c));
    if (after.length === 0 || after.length === before.length) return { before, after: before, removed: [] };
    const removed = before.filter((c) => !after.includes(c));
    await this.store.removeUnits(m, id, removed);
    return { before, after, removed };
  }
}
