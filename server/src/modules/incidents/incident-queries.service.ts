/** Reading incidents: the scoped, filtered list and the full ticket. */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IncidentStatus,
  type IncidentDetail,
  type IncidentListItem,
  type IncidentListResponse,
  type IncidentUnitRef,
  type TimelineKind,
} from '@mw/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope';
import { EscalationClocks, type IncidentClocks } from '../escalation';
import { IncidentWorkflow } from './flows/incident-workflow';
import { incidentNotFound } from './incident-errors';
import { readSeverityReason, timelineMessageOf } from './incident-messages';
import { IncidentNotifier } from './incident-notifier';
import { iso, type IncidentMentionRow, type IncidentRow } from './incident-rows';
import { allowedTransitions, nextStatus, STATUS_TIMESTAMP_COLUMN } from './incident-status';
import { IncidentStore, UNITS_JSON, type IncidentListFilter } from './store/incident.store';
import { ResponseStore, toResponseView } from './store/response.store';

/** The filters of GET /api/incidents. */
export type IncidentQuery = IncidentListFilter;

@Injectable()
export class IncidentQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly store: IncidentStore,
    private readonly notifier: IncidentNotifier,
    private readonly workflow: IncidentWorkflow,
    private readonly responses: ResponseStore,
    private readonly clocks: EscalationClocks,
  ) {}

  async list(user: AuthUser, q: IncidentQuery): Promise<IncidentListResponse> {
    const codes = this.scope.unitCodesFor(user);
    if (codes !== 'all' && codes.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await this.store.page(codes, q);
    const clocks = await this.clocks.clocksOf(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => toListItem(r, r.units, clocks.get(r.id))),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async get(user: AuthUser, id: string): Promise<IncidentDetail> {
    await this.store.visible(this.dataSource.manager, user, id);
    return this.detail(id, user);
  }

  /** The full ticket, unscoped (callers check scope first); `allowedTransitions` is the person's. */
  async detail(id: string, user: AuthUser): Promise<IncidentDetail> {
    const m = this.dataSource.manager;
    const rows: (IncidentRow & { units: IncidentUnitRef[] })[] = await m.query(
      `SELECT i.*, ${UNITS_JSON} AS units FROM incident i WHERE i.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw incidentNotFound();
    const clocks = (await this.clocks.clocksOf(m, [id])).get(id);
    const [mentions, assignments, timeline, tasks, comments, responses, deliveries, rights] = await Promise.all([
      m.query(
        `SELECT * FROM incident_mention WHERE incident_id = $1 ORDER BY COALESCE(published_at, attached_at), mention_id`,
        [id],
      ) as Promise<IncidentMentionRow[]>,
      m.query(
        `SELECT a.person_id, p.name, a.reason, a.assigned_at, a.unassigned_at FROM incident_assignment a
         JOIN person p ON p.id = a.person_id WHERE a.incident_id = $1 ORDER BY a.assigned_at, p.name`,
        [id],
      ) as Promise<
        { person_id: string; name: string; reason: string; assigned_at: Date; unassigned_at: Date | null }[]
      >,
      m.query(
        `SELECT t.id::text AS id, t.at, t.kind, t.actor_id, p.name AS actor_name, t.summary, t.data
         FROM incident_timeline t LEFT JOIN person p ON p.id = t.actor_id WHERE t.incident_id = $1 ORDER BY t.id`,
        [id],
      ) as Promise<
        {
          id: string;
          at: Date;
          kind: TimelineKind;
          actor_id: string | null;
          actor_name: string | null;
          summary: string;
          data: Record<string, unknown>;
        }[]
      >,
      m.query(
        `SELECT t.*, p.name AS owner_name FROM incident_task t JOIN person p ON p.id = t.owner_id
         WHERE t.incident_id = $1 ORDER BY t.created_at`,
        [id],
      ) as Promise<
        {
          id: string;
          title: string;
          owner_id: string;
          owner_name: string;
          due_at: Date | null;
          done_at: Date | null;
          created_at: Date;
        }[]
      >,
      m.query(
        `SELECT c.*, p.name AS author_name FROM incident_comment c JOIN person p ON p.id = c.author_id
         WHERE c.incident_id = $1 ORDER BY c.at`,
        [id],
      ) as Promise<{ id: string; author_id: string; author_name: string; body: string; at: Date }[]>,
      this.responses.ofIncident(m, id),
      this.notifier.deliveriesFor(id),
      this.workflow.transitionRights(m, user, id, row.severity),
    ]);
    const assigneeViews = assignments.map((a) => ({
      personId: a.person_id,
      name: a.name,
      reason: a.reason,
      assignedAt: iso(a.assigned_at) as string,
      unassignedAt: iso(a.unassigned_at),
    }));
    const reasons = row.severity_reasons.map(readSeverityReason);
    const timestamps: IncidentDetail['timestamps'] = {};
    for (const [status, column] of Object.entries(STATUS_TIMESTAMP_COLUMN)) {
      timestamps[status as keyof typeof STATUS_TIMESTAMP_COLUMN] = iso(row[column as keyof IncidentRow] as Date | null);
    }
    return {
      ...toListItem(row, row.units, clocks),
      origin: row.origin,
      description: row.description,
      sourceUrl: row.source_url,
      storyIds: row.story_ids,
      severityReasons: reasons.map((r) => r.text),
      severityReasonDetails: reasons,
      severityManual: row.severity_manual,
      outlets: row.outlets,
      reach: Number(row.reach),
      mentions: mentions.map((x) => ({
        mentionId: x.mention_id,
        title: x.title,
        url: x.url,
        outlet: x.outlet,
        sourceKind: x.source_kind,
        publishedAt: iso(x.published_at),
        sentiment: x.sentiment === null ? null : Number(x.sentiment),
        sentimentLabel: x.sentiment_label as IncidentDetail['mentions'][number]['sentimentLabel'],
        reachWeight: Number(x.reach_weight),
        attachedAt: iso(x.attached_at) as string,
      })),
      assignees: assigneeViews.filter((a) => a.unassignedAt === null),
      assignmentHistory: assigneeViews,
      timeline: timeline.map((t) => {
        const { message: _stored, ...data } = t.data;
        return {
          id: t.id,
          at: iso(t.at) as string,
          kind: t.kind,
          actorId: t.actor_id,
          actorName: t.actor_name,
          summary: t.summary,
          ...timelineMessageOf(t.data, t.summary),
          data,
        };
      }),
      tasks: tasks.map((t) => ({
        id: t.id,
        title: t.title,
        ownerId: t.owner_id,
        ownerName: t.owner_name,
        dueAt: iso(t.due_at),
        doneAt: iso(t.done_at),
        createdAt: iso(t.created_at) as string,
      })),
      comments: comments.map((c) => ({
        id: c.id,
        authorId: c.author_id,
        authorName: c.author_name,
        body: c.body,
        at: iso(c.at) as string,
      })),
      responses: responses.map(toResponseView),
      deliveries,
      mergedInto: row.merged_into,
      timestamps,
      allowedTransitions: allowedTransitions(row.status, rights),
      mayProposeDismissal:
        rights.mayTransition && !rights.mayDismiss && nextStatus(row.status, IncidentStatus.Dismissed).ok,
    };
  }
}

function toListItem(r: IncidentRow, units: IncidentUnitRef[], clocks: IncidentClocks | undefined): IncidentListItem {
  return {
    id: r.id,
    number: Number(r.number),
    title: r.title,
    severity: r.severity,
    status: r.status,
    category: r.category,
    units,
    openedAt: iso(r.opened_at) as string,
    acknowledgedAt: iso(r.acknowledged_at),
    ackDueAt: iso(clocks?.ackDueAt),
    respondDueAt: iso(clocks?.respondDueAt),
    escalationLevel: clocks?.level ?? 0,
    escalatedLevel: clocks?.escalatedLevel ?? null,
    mentionCount: r.mention_count,
    outletCount: r.outlets.length,
    unreachableUnits: r.unreachable_units,
  };
}
