/**
 * Incidents: opening (from analysed coverage or by hand), attaching later coverage, acknowledgement and status
 * changes, assignment, comments, tasks, merge and split. Every write runs in one transaction with its timeline
 * entries, audit record, escalation clocks and notifications, so a crash leaves either all of it or none. Writes
 * are scoped like reads: outside one's units an incident answers 404. Reads live in IncidentQueries, the official
 * response in IncidentResponsesService.
 */
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  IncidentErrorCode,
  IncidentStatus,
  SeverityReasonCode,
  TimelineCode,
  type AssignRequest,
  type CreateIncidentRequest,
  type IncidentDetail,
  type MergeRequest,
  type PersonDetail,
  type Severity,
  type SplitRequest,
  type TaskRequest,
  OFFICE_UNIT_CODE,
} from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor, type AuthUser } from '../../common/auth/auth-user';
import { hasRole, ScopeService } from '../../common/auth/scope';
import { returnedRows } from '../../common/database/returned-rows';
import { INCIDENT_HANDLERS, mayBeAssigned } from './incident-permissions';
import { Clock } from '../../common/clock/clock';
import type { MentionFacts } from '../analysis/mention-reader.service';
import { startEscalation, stopAllClocks, tightenEscalation } from '../escalation/escalation-state';
import { AuditService } from '../organisation/audit/audit.service';
import { PeopleService } from '../organisation/people/people.service';
import { invalidTransition, notAssignee } from './incident-errors';
import { withText, type SeverityReason } from './incident-messages';
import { IncidentNotifier } from './incident-notifier';
import { IncidentQueries } from './incident-queries.service';
import { IncidentRecipients, unique } from './incident-recipients';
import type { IncidentMentionRow, IncidentRow } from './incident-rows';
import { assessSeverity, severityRank, type SeverityEvidence } from './incident-severity';
import { isClosed } from './incident-status';
import { IncidentStore, type EscalationContext } from './incident-store';
import { appendTimeline } from './incident-timeline';
import { IncidentWorkflow } from './incident-workflow';

interface OpenSpec {
  title: string;
  description: string;
  origin: 'detected' | 'manual' | 'split';
  unitCodes: string[];
  mentions: MentionFacts[] | IncidentMentionRow[];
  sourceUrl: string | null;
  category: string | null;
  severity: Severity | null;
  actorId: string | null;
}

export interface IngestOutcome {
  outcome: 'opened' | 'attached' | 'good_news' | 'ignored';
  /** The incident opened or attached to. */
  incidentId: string | null;
}

const IGNORED: IngestOutcome = { outcome: 'ignored', incidentId: null };

@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly recipients: IncidentRecipients,
    private readonly notifier: IncidentNotifier,
    private readonly store: IncidentStore,
    private readonly workflow: IncidentWorkflow,
    private readonly queries: IncidentQueries,
    private readonly people: PeopleService,
  ) {}

  // ---------------------------------------------------------------- intake

  /**
   * Routes one analysed mention: an incident about units opens an incident or joins the open one of its story,
   * later coverage of a story with an incident attaches to it, positive coverage goes to the good-news queue.
   * Idempotent: a mention already attached or queued changes nothing.
   */
  async ingestMention(manager: EntityManager, m: MentionFacts): Promise<IngestOutcome> {
    if (m.unitCodes.length === 0) return IGNORED;
    const seen: unknown[] = await manager.query(`SELECT 1 FROM incident_mention WHERE mention_id = $1`, [m.id]);
    if (seen.length > 0) return IGNORED;
    // Two instances handling two outlets of one story at once must not open two incidents.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('incident-story:' || $1))`, [m.storyId]);
    const existing: { id: string; status: IncidentStatus }[] = await manager.query(
      `SELECT id, status FROM incident WHERE $1 = ANY(story_ids) AND merged_into IS NULL ORDER BY opened_at LIMIT 1`,
      [m.storyId],
    );
    const found = existing[0];
    if (found) {
      if (found.status === IncidentStatus.Dismissed) return IGNORED;
      await this.attach(manager, found.id, [m], null);
      return { outcome: 'attached', incidentId: found.id };
    }
    if (m.incident && m.sentimentLabel !== 'positive') {
      const incidentId = await this.open(manager, {
        title: m.title,
        description: '',
        origin: 'detected',
        unitCodes: ticketUnits(m.unitCodes),
        mentions: [m],
        sourceUrl: m.url || null,
        category: m.category,
        severity: null,
        actorId: null,
      });
      return { outcome: 'opened', incidentId };
    }
    if (m.sentimentLabel === 'positive') {
      await manager.query(
        `INSERT INTO good_news (mention_id, unit_codes, title, url, outlet, category, sentiment, published_at, created_at,
           story_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (mention_id) DO NOTHING`,
        [
          m.id,
          m.unitCodes,
          m.title,
          m.url || null,
          m.outlet,
          m.category,
          m.sentiment,
          m.publishedAt,
          this.clock.now(),
          m.storyId || null,
        ],
      );
      return { outcome: 'good_news', incidentId: null };
    }
    return IGNORED;
  }

  // ---------------------------------------------------------------- writes

  async createManual(actor: Actor, user: AuthUser, req: CreateIncidentRequest): Promise<IncidentDetail> {
    const unitCodes = unique(req.unitCodes.map((c) => c.trim()));
    for (const code of unitCodes) this.scope.assertUnitAccess(user, code);
    const known: { code: string }[] = await this.dataSource.query(
      `SELECT code FROM unit WHERE code = ANY($1::text[])`,
      [unitCodes],
    );
    const missing = unitCodes.filter((c) => !known.some((k) => k.code === c));
    if (missing.length > 0) {
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'unitCodes',
        message: `Unknown unit ${missing.join(', ')}`,
      });
    }
    const id = await this.dataSource.transaction(async (m) => {
      const opened = await this.open(m, {
        title: req.title.normalize('NFC').trim(),
        description: (req.description ?? '').normalize('NFC').trim(),
        origin: 'manual',
        unitCodes,
        mentions: [],
        sourceUrl: req.sourceUrl ?? null,
        category: req.category ?? null,
        severity: req.severity ?? null,
        actorId: user.id,
      });
      await this.audit.record(
        actor,
        { action: 'incident.create', entityType: 'incident', entityId: opened, after: req },
        m,
      );
      return opened;
    });
    this.store.publishChange(id, 'incident.opened');
    return this.queries.detail(id, user);
  }

  async acknowledge(actor: Actor, user: AuthUser, id: string): Promise<IncidentDetail> {
    await this.store.change(user, id, async (m, row) => {
      if (row.acknowledged_at) return;
      await this.workflow.applyTransition(m, row, IncidentStatus.Acknowledged, user.id, null);
      await this.audit.record(actor, { action: 'incident.acknowledge', entityType: 'incident', entityId: id }, m);
    });
    return this.queries.detail(id, user);
  }

  /**
   * Acknowledgement recorded by another module (a link in an e-mail or a Zalo message) for a person it has
   * authenticated itself; no scope check beyond the incident existing.
   */
  async acknowledgeAsSystem(id: string, personId: string, via: string): Promise<boolean> {
    const changed = await this.dataSource.transaction(async (m) => {
      const row = await this.store.lock(m, id);
      if (row.acknowledged_at) return false;
      await this.workflow.applyTransition(m, row, IncidentStatus.Acknowledged, personId, `via ${via}`, via);
      // The person was authenticated by the message link, not by a session: recorded as the system on their behalf.
      await this.audit.record(
        SYSTEM_ACTOR,
        { action: 'incident.acknowledge', entityType: 'incident', entityId: id, after: { personId, via } },
        m,
      );
      return true;
    });
    if (changed) this.store.publishChange(id, 'incident.updated');
    return changed;
  }

  async transition(
    actor: Actor,
    user: AuthUser,
    id: string,
    to: IncidentStatus,
    reason?: string,
  ): Promise<IncidentDetail> {
    await this.store.change(user, id, async (m, row) => {
      if (to === IncidentStatus.Responded) {
        await this.workflow.assertMayPublish(m, user, row.id);
      }
      const before = row.status;
      await this.workflow.applyTransition(m, row, to, user.id, reason ?? null);
      await this.audit.record(
        actor,
        {
          action: 'incident.transition',
          entityType: 'incident',
          entityId: id,
          before: { status: before },
          after: { status: to, reason },
        },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  async assign(actor: Actor, user: AuthUser, id: string, req: AssignRequest): Promise<IncidentDetail> {
    await this.store.change(user, id, async (m, row) => {
      const now = this.clock.now();
      const wanted = unique(req.personIds);
      const current = await this.store.assigneeIds(m, id);
      const added = wanted.filter((p) => !current.includes(p));
      // Only newcomers are checked: a current assignee who has since lost their role must not block reassigning.
      await this.assertAssignable(m, added, await this.store.unitCodes(m, id));
      const removed = req.replace ? current.filter((p) => !wanted.includes(p)) : [];
      for (const personId of added) {
        await m.query(
          `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at, assigned_by) VALUES ($1, $2, 'assigned', $3, $4)`,
          [id, personId, now, user.id],
        );
      }
      if (removed.length > 0) {
        await m.query(
          `UPDATE incident_assignment SET unassigned_at = $3, unassigned_by = $4
           WHERE incident_id = $1 AND person_id = ANY($2::uuid[]) AND unassigned_at IS NULL`,
          [id, removed, now, user.id],
        );
      }
      if (added.length > 0) {
        await appendTimeline(m, {
          incidentId: id,
          at: now,
          actorId: user.id,
          message: { code: TimelineCode.Assigned, params: { count: added.length } },
          data: { personIds: added },
        });
        const ctx = await this.store.escalationContext(m, id);
        if (ctx) {
          await this.notifier.notify(m, {
            incidentId: id,
            event: `incident.assigned.${now.getTime()}`,
            level: 1,
            recipientIds: added,
            severity: row.severity,
            template: 'incident.opened',
            params: this.store.templateParams(ctx),
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

  async comment(actor: Actor, user: AuthUser, id: string, body: string): Promise<IncidentDetail> {
    await this.store.change(user, id, async (m) => {
      const now = this.clock.now();
      const text = body.normalize('NFC').trim();
      const rows: { id: string }[] = await m.query(
        `INSERT INTO incident_comment (incident_id, author_id, body, at) VALUES ($1, $2, $3, $4) RETURNING id`,
        [id, user.id, text, now],
      );
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.Comment, params: { body: text.slice(0, 200) } },
        data: { commentId: rows[0]?.id },
      });
      await this.audit.record(
        actor,
        { action: 'incident.comment', entityType: 'incident', entityId: id, after: { body: text } },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  async addTask(actor: Actor, user: AuthUser, id: string, req: TaskRequest): Promise<IncidentDetail> {
    await this.store.change(user, id, async (m) => {
      const now = this.clock.now();
      const owner: unknown[] = await m.query(`SELECT 1 FROM person WHERE id = $1 AND active`, [req.ownerId]);
      if (owner.length === 0) {
        throw new BadRequestException({
          code: ErrorCode.ValidationFailed,
          field: 'ownerId',
          message: 'Unknown or inactive task owner',
        });
      }
      const title = req.title.normalize('NFC').trim();
      const rows: { id: string }[] = await m.query(
        `INSERT INTO incident_task (incident_id, title, owner_id, due_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [id, title, req.ownerId, req.dueAt ? new Date(req.dueAt) : null, user.id, now],
      );
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.TaskAdded, params: { title } },
        data: { taskId: rows[0]?.id, ownerId: req.ownerId, dueAt: req.dueAt ?? null },
      });
      await this.audit.record(
        actor,
        { action: 'incident.task_add', entityType: 'incident', entityId: id, after: req },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

  async completeTask(actor: Actor, user: AuthUser, id: string, taskId: string): Promise<IncidentDetail> {
    await this.dataSource.transaction(async (m) => {
      await this.store.visible(m, user, id, true);
      const now = this.clock.now();
      // The task's owner closes it, or someone who handles incidents; others in scope may only read it.
      const mayCloseAny = hasRole(user, ...INCIDENT_HANDLERS);
      const rows = returnedRows<{ title: string }>(
        await m.query(
          `UPDATE incident_task SET done_at = $3
            WHERE id = $1 AND incident_id = $2 AND done_at IS NULL AND ($4 OR owner_id = $5)
            RETURNING title`,
          [taskId, id, now, mayCloseAny, user.id],
        ),
      );
      if (rows.length === 0) {
        const open: unknown[] = await m.query(
          `SELECT 1 FROM incident_task WHERE id = $1 AND incident_id = $2 AND done_at IS NULL`,
          [taskId, id],
        );
        if (open.length > 0)
          throw notAssignee('Only the task owner or a person handling incidents can close this task');
        throw invalidTransition('The task does not exist or is already done');
      }
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.TaskDone, params: { title: rows[0]?.title ?? '' } },
        data: { taskId },
      });
      await this.audit.record(
        actor,
        { action: 'incident.task_done', entityType: 'incident', entityId: id, after: { taskId } },
        m,
      );
    });
    return this.queries.detail(id, user);
  }

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
        await m.query(`UPDATE incident_mention SET incident_id = $1 WHERE incident_id = $2`, [id, otherId]);
        await m.query(
          `INSERT INTO incident_unit (incident_id, unit_code) SELECT $1, unit_code FROM incident_unit WHERE incident_id = $2 ON CONFLICT DO NOTHING`,
          [id, otherId],
        );
        await m.query(
          `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at, assigned_by)
           SELECT $1, a.person_id, 'merged', $3, $4 FROM incident_assignment a
           WHERE a.incident_id = $2 AND a.unassigned_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM incident_assignment b WHERE b.incident_id = $1 AND b.person_id = a.person_id AND b.unassigned_at IS NULL)`,
          [id, otherId, now, user.id],
        );
        await m.query(`UPDATE incident SET merged_into = $1, updated_at = $3, story_ids = '{}' WHERE id = $2`, [
          id,
          otherId,
          now,
        ]);
        await m.query(
          `UPDATE incident SET story_ids = ARRAY(SELECT DISTINCT unnest(story_ids || $2::uuid[])) WHERE id = $1`,
          [id, other.story_ids],
        );
        if (!isClosed(other.status)) {
          await m.query(`UPDATE incident SET status = 'resolved', resolved_at = $2 WHERE id = $1`, [otherId, now]);
          await stopAllClocks(m, otherId, now);
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
      await this.refresh(m, id, user.id);
      await this.audit.record(
        actor,
        { action: 'incident.merge', entityType: 'incident', entityId: id, after: { merged: others } },
        m,
      );
    });
    this.store.publishChange(id, 'incident.updated');
    // The merged-away tickets changed too (resolved, merged into this one): their dashboards hear of it as well.
    for (const otherId of others) this.store.publishChange(otherId, 'incident.updated');
    return this.queries.detail(id, user);
  }

  async split(actor: Actor, user: AuthUser, id: string, req: SplitRequest): Promise<IncidentDetail> {
    const { created: newId, droppedUnits } = await this.dataSource.transaction(async (m) => {
      const row = await this.store.visible(m, user, id, true);
      const moving: IncidentMentionRow[] = await m.query(
        `SELECT * FROM incident_mention WHERE incident_id = $1 AND mention_id = ANY($2::uuid[])`,
        [id, req.mentionIds],
      );
      const total: { n: string }[] = await m.query(
        `SELECT count(*) AS n FROM incident_mention WHERE incident_id = $1`,
        [id],
      );
      if (
        moving.length === 0 ||
        moving.length !== unique(req.mentionIds).length ||
        moving.length >= Number(total[0]?.n ?? 0)
      ) {
        throw new BadRequestException({
          code: IncidentErrorCode.NothingToSplit,
          message: "Name some, not all, of this incident's mentions",
        });
      }
      const now = this.clock.now();
      await m.query(`DELETE FROM incident_mention WHERE incident_id = $1 AND mention_id = ANY($2::uuid[])`, [
        id,
        req.mentionIds,
      ]);
      // Each side's units come from its own mentions, the office left off as at intake.
      const unitCodes = unique(moving.flatMap((x) => ticketUnits(x.unit_codes)));
      const created = await this.open(m, {
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
      await m.query(
        `UPDATE incident SET story_ids = ARRAY(SELECT DISTINCT story_id FROM incident_mention WHERE incident_id = $1 AND story_id IS NOT NULL) WHERE id = $1`,
        [id],
      );
      const units = await this.unitsAfterSplit(m, id, moving);
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.SplitOut, params: { count: moving.length } },
        data: { to: created, mentionIds: req.mentionIds, stories: movedStories, units },
      });
      const unassigned = await this.unassignOutOfScope(m, id, units, now, user.id);
      if (unassigned.length > 0) {
        await appendTimeline(m, {
          incidentId: id,
          at: now,
          actorId: user.id,
          message: { code: TimelineCode.Unassigned, params: { count: unassigned.length } },
          data: { personIds: unassigned, units: units.removed },
        });
      }
      await this.refresh(m, id, user.id);
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
    this.store.publishChange(id, 'incident.updated', droppedUnits);
    this.store.publishChange(newId, 'incident.opened');
    return this.queries.detail(newId, user);
  }

  // ---------------------------------------------------------------- internals

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
    const remaining: { unit_codes: string[] }[] = await m.query(
      `SELECT unit_codes FROM incident_mention WHERE incident_id = $1`,
      [id],
    );
    const covered = new Set(remaining.flatMap((r) => ticketUnits(r.unit_codes)));
    const everNamed = new Set([...remaining, ...movedOut].flatMap((r) => r.unit_codes));
    const after = before.filter((c) => covered.has(c) || !everNamed.has(c));
    if (after.length === 0 || after.length === before.length) return { before, after: before, removed: [] };
    const removed = before.filter((c) => !after.includes(c));
    await m.query(`DELETE FROM incident_unit WHERE incident_id = $1 AND unit_code = ANY($2::text[])`, [id, removed]);
    return { before, after, removed };
  }

  /**
   * After a split took units off the incident, takes off every assignee who may no longer be on it (see mayBeAssigned
   * against the units it keeps), whatever brought them: a unit default, a merge or a hand assignment. Someone who also
   * holds a role at a unit it keeps stays, whichever unit their assignment was recorded for. Returns who came off.
   */
  private async unassignOutOfScope(
    m: EntityManager,
    id: string,
    units: { after: string[]; removed: string[] },
    now: Date,
    actorId: string,
  ): Promise<string[]> {
    if (units.removed.length === 0) return [];
    const out: string[] = [];
    for (const personId of await this.store.assigneeIds(m, id)) {
      const person = await this.findPerson(m, personId);
      if (!person || !mayBeAssigned(person.roles, units.after)) out.push(personId);
    }
    if (out.length === 0) return [];
    await m.query(
      `UPDATE incident_assignment SET unassigned_at = $3, unassigned_by = $4
       WHERE incident_id = $1 AND person_id = ANY($2::uuid[]) AND unassigned_at IS NULL`,
      [id, out, now, actorId],
    );
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

  /** Opens an incident inside the caller's transaction: units, mentions, assignees, timeline, clocks, notifications. */
  private async open(m: EntityManager, spec: OpenSpec): Promise<string> {
    const now = this.clock.now();
    const evidence = spec.mentions.map(toEvidence);
    const assessed = assessSeverity(evidence, spec.severity ?? 'S3');
    const severity = spec.severity ?? assessed.severity;
    const reasons: SeverityReason[] = spec.severity
      ? [
          { code: SeverityReasonCode.ManualSet, params: { severity: spec.severity } },
          ...(evidence.length > 0 ? assessed.reasons : []),
        ]
      : assessed.reasons;
    const rows: { id: string; number: string }[] = await m.query(
      `INSERT INTO incident (title, description, origin, severity, severity_reasons, severity_manual, category, source_url,
         opened_by, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $10) RETURNING id, number::text AS number`,
      [
        spec.title,
        spec.description,
        spec.origin,
        severity,
        JSON.stringify(reasons.map(withText)),
        spec.severity !== null,
        spec.category,
        spec.sourceUrl,
        spec.actorId,
        now,
      ],
    );
    const { id } = rows[0] as { id: string; number: string };
    for (const code of spec.unitCodes) {
      await m.query(
        `INSERT INTO incident_unit (incident_id, unit_code) SELECT $1, code FROM unit WHERE code = $2 ON CONFLICT DO NOTHING`,
        [id, code],
      );
    }
    await this.insertMentions(m, id, spec.mentions, now);
    await this.recomputeAggregates(m, id);

    // Default assignees: each unit's spokesperson (or deputy when there is none) and the office spokesperson.
    const unreachable: string[] = [];
    const assignees = new Map<string, string>();
    for (const code of spec.unitCodes) {
      const contacts = await this.recipients.unitContacts(code);
      for (const p of contacts.spokespersons) if (!assignees.has(p)) assignees.set(p, `unit_spokesperson:${code}`);
      if (contacts.spokespersons.length === 0 && contacts.principals.length === 0) unreachable.push(code);
    }
    for (const p of await this.recipients.officeSpokespersons())
      if (!assignees.has(p)) assignees.set(p, 'office_spokesperson');
    for (const [personId, reason] of assignees) {
      await m.query(
        `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [id, personId, reason, now],
      );
    }
    if (unreachable.length > 0) {
      await m.query(`UPDATE incident SET unreachable_units = $2 WHERE id = $1`, [id, unreachable]);
    }

    const code =
      spec.origin === 'detected'
        ? TimelineCode.OpenedDetected
        : spec.origin === 'manual'
          ? TimelineCode.OpenedManual
          : TimelineCode.OpenedSplit;
    await appendTimeline(m, {
      incidentId: id,
      at: now,
      actorId: spec.actorId,
      message: { code, params: { title: spec.title } },
      data: { severity, reasons, units: spec.unitCodes },
    });
    if (assignees.size > 0) {
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: null,
        message: { code: TimelineCode.AssignedDefault, params: { count: assignees.size } },
        data: { personIds: [...assignees.keys()] },
      });
    }

    const level = unreachable.length > 0 ? 3 : 1;
    const clocks = await startEscalation(m, { incidentId: id, severity, openedAt: now, level, now });
    const ctx = (await this.store.escalationContext(m, id)) as EscalationContext;
    const params = { ...this.store.templateParams(ctx), ackDueAt: clocks.ackDueAt.toISOString() };
    const first = unique([
      ...assignees.keys(),
      ...(severityRank(severity) <= 1 ? await this.recipients.principals(spec.unitCodes) : []),
    ]);
    await this.workflow.step(
      m,
      { incidentId: id, kind: 'opened', level: 1, round: 0, recipientIds: first, at: now },
      severity,
      'incident.opened',
      'incident.opened',
      params,
    );
    if (unreachable.length > 0) {
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: null,
        message: { code: TimelineCode.Unreachable, params: { units: unreachable.join(', ') } },
        data: { units: unreachable },
      });
      const office = await this.recipients.office();
      await this.workflow.step(
        m,
        { incidentId: id, kind: 'escalated', level: 3, round: 0, recipientIds: office, at: now },
        severity,
        'incident.escalated',
        'incident.escalated',
        { ...params, level: '3' },
      );
    }
    return id;
  }

  private async attach(m: EntityManager, id: string, mentions: MentionFacts[], actorId: string | null): Promise<void> {
    const row = await this.store.lock(m, id);
    const now = this.clock.now();
    const added = await this.insertMentions(m, id, mentions, now);
    if (added.length === 0) return;
    await m.query(
      `UPDATE incident SET story_ids = ARRAY(SELECT DISTINCT unnest(story_ids || $2::uuid[])) WHERE id = $1`,
      [id, mentions.map((x) => x.storyId)],
    );
    const newUnits = ticketUnits(unique(mentions.flatMap((x) => x.unitCodes)));
    for (const code of newUnits) {
      const inserted: unknown[] = await m.query(
        `INSERT INTO incident_unit (incident_id, unit_code) SELECT $1, code FROM unit WHERE code = $2 ON CONFLICT DO NOTHING RETURNING unit_code`,
        [id, code],
      );
      if (inserted.length === 0) continue;
      for (const p of (await this.recipients.unitContacts(code)).spokespersons) {
        await m.query(
          `INSERT INTO incident_assignment (incident_id, person_id, reason, assigned_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [id, p, `unit_spokesperson:${code}`, now],
        );
      }
    }
    for (const x of mentions.filter((x) => added.includes(x.id))) {
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId,
        message: { code: TimelineCode.MentionAttached, params: { outlet: x.outlet, title: x.title } },
        data: { mentionId: x.id, outlet: x.outlet, url: x.url },
      });
    }
    await this.refresh(m, id, actorId, row);
  }

  /** Recomputes aggregates and severity after coverage moved in or out; severity only rises by itself. */
  private async refresh(m: EntityManager, id: string, actorId: string | null, locked?: IncidentRow): Promise<void> {
    const row = locked ?? (await this.store.lock(m, id));
    await this.recomputeAggregates(m, id);
    const mentions: IncidentMentionRow[] = await m.query(`SELECT * FROM incident_mention WHERE incident_id = $1`, [id]);
    if (mentions.length === 0 || row.severity_manual) return;
    const assessed = assessSeverity(mentions.map(toEvidence), row.severity);
    const now = this.clock.now();
    if (severityRank(assessed.severity) < severityRank(row.severity)) {
      await m.query(`UPDATE incident SET severity = $2, severity_reasons = $3::jsonb, updated_at = $4 WHERE id = $1`, [
        id,
        assessed.severity,
        JSON.stringify(assessed.reasons.map(withText)),
        now,
      ]);
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId,
        message: { code: TimelineCode.SeverityRaised, params: { from: row.severity, to: assessed.severity } },
        data: { from: row.severity, to: assessed.severity, reasons: assessed.reasons },
      });
      await tightenEscalation(m, {
        incidentId: id,
        severity: assessed.severity,
        openedAt: row.opened_at,
        now,
        responseOpen: !isClosed(row.status) && row.status !== IncidentStatus.Responded,
      });
      if (severityRank(assessed.severity) <= 1 && !isClosed(row.status)) {
        const ctx = (await this.store.escalationContext(m, id)) as EscalationContext;
        const recipientIds = unique([...ctx.assigneeIds, ...(await this.recipients.principals(ctx.unitCodes))]);
        await this.notifier.notify(m, {
          incidentId: id,
          event: `incident.severity_raised.${assessed.severity}`,
          level: 1,
          recipientIds,
          severity: assessed.severity,
          template: 'incident.escalated',
          params: this.store.templateParams(ctx),
        });
      }
      row.severity = assessed.severity;
    } else if (assessed.severity === row.severity) {
      await m.query(`UPDATE incident SET severity_reasons = $2::jsonb, updated_at = $3 WHERE id = $1`, [
        id,
        JSON.stringify(assessed.reasons.map(withText)),
        now,
      ]);
    }
  }

  private async insertMentions(
    m: EntityManager,
    id: string,
    mentions: (MentionFacts | IncidentMentionRow)[],
    now: Date,
  ): Promise<string[]> {
    const added: string[] = [];
    for (const raw of mentions) {
      const x = 'mention_id' in raw ? fromRow(raw) : raw;
      const rows: unknown[] = await m.query(
        `INSERT INTO incident_mention (mention_id, incident_id, story_id, title, url, outlet, source_kind, published_at,
           sentiment, sentiment_label, reach_weight, severity, severity_reasons, category, unit_codes, attached_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (mention_id) DO NOTHING RETURNING mention_id`,
        [
          x.id,
          id,
          x.storyId,
          x.title,
          x.url || null,
          x.outlet,
          x.sourceKind,
          x.publishedAt ?? x.seenAt,
          x.sentiment,
          x.sentimentLabel,
          x.reachWeight,
          x.severity,
          x.severityReasons,
          x.category,
          x.unitCodes,
          now,
        ],
      );
      if (rows.length > 0) added.push(x.id);
    }
    if (added.length > 0) {
      await m.query(
        `UPDATE incident SET story_ids = ARRAY(SELECT DISTINCT unnest(story_ids || ARRAY(SELECT story_id FROM incident_mention WHERE incident_id = $1 AND story_id IS NOT NULL))) WHERE id = $1`,
        [id],
      );
    }
    return added;
  }

  private async recomputeAggregates(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE incident i SET
         mention_count = agg.n,
         outlets = agg.outlets,
         reach = agg.reach
       FROM (
         SELECT count(*)::int AS n,
                COALESCE(array_agg(DISTINCT outlet) FILTER (WHERE outlet IS NOT NULL), '{}') AS outlets,
                COALESCE((SELECT sum(r) FROM (SELECT max(reach_weight) AS r FROM incident_mention WHERE incident_id = $1 GROUP BY outlet) o), 0) AS reach
         FROM incident_mention WHERE incident_id = $1
       ) agg
       WHERE i.id = $1`,
      [id],
    );
  }
}

function fromRow(r: IncidentMentionRow): MentionFacts {
  return {
    id: r.mention_id,
    seq: '0',
    storyId: r.story_id ?? '',
    title: r.title,
    url: r.url ?? '',
    outlet: r.outlet,
    sourceKind: r.source_kind,
    publishedAt: r.published_at,
    seenAt: r.attached_at,
    unitCodes: r.unit_codes,
    sentiment: r.sentiment ?? 0,
    sentimentLabel: (r.sentiment_label ?? 'neutral') as MentionFacts['sentimentLabel'],
    category: r.category as MentionFacts['category'],
    incident: true,
    severity: r.severity,
    severityReasons: r.severity_reasons,
    reachWeight: Number(r.reach_weight),
  };
}

function toEvidence(raw: MentionFacts | IncidentMentionRow): SeverityEvidence {
  const x = 'mention_id' in raw ? fromRow(raw) : raw;
  return {
    proposed: x.severity,
    reasons: x.severityReasons,
    category: x.category,
    sentiment: x.sentiment,
    reachWeight: x.reachWeight,
    outlet: x.outlet,
    sourceKind: x.sourceKind,
    at: x.publishedAt ?? x.seenAt,
  };
}

/**
 * The office handles incidents about schools; it is a unit of the ticket only when the coverage is about the
 * office itself. A school story that quotes the office must not put the office (often with nobody on duty in a
 * fresh install) on the ticket and jump the escalation chain to level 3.
 */
export function ticketUnits(codes: string[]): string[] {
  const schools = codes.filter((c) => c !== OFFICE_UNIT_CODE);
  return schools.length > 0 ? schools : codes;
}
