/** Working a ticket together: comments, and tasks with an owner and a due time. */
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, TimelineCode, type IncidentDetail, type TaskRequest } from '@mw/shared';
import { DataSource } from 'typeorm';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { mayActOn } from '../../../common/auth/scope';
import { Clock } from '../../../common/clock/clock';
import { AuditService, PeopleService } from '../../organisation';
import { invalidTransition, notAssignee } from '../incident-errors';
import { INCIDENT_HANDLERS } from '../incident-permissions';
import { IncidentQueries } from '../incident-queries.service';
import { appendTimeline } from '../store/incident-timeline';
import { IncidentStore } from '../store/incident.store';
import { TasksCommentsStore } from '../store/tasks-comments.store';
import { IncidentChanges } from './incident-changes';

@Injectable()
export class TasksCommentsFlow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
    private readonly store: IncidentStore,
    private readonly tasks: TasksCommentsStore,
    private readonly changes: IncidentChanges,
    private readonly queries: IncidentQueries,
  ) {}

  async comment(actor: Actor, user: AuthUser, id: string, body: string): Promise<IncidentDetail> {
    await this.changes.change(user, id, async (m) => {
      const now = this.clock.now();
      const text = body.normalize('NFC').trim();
      const commentId = await this.tasks.addComment(m, { incidentId: id, authorId: user.id, body: text, at: now });
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.Comment, params: { body: text.slice(0, 200) } },
        data: { commentId },
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
    await this.changes.change(user, id, async (m) => {
      const now = this.clock.now();
      const owner = await this.people.get(req.ownerId, m).catch((error: unknown) => {
        if (error instanceof NotFoundException) return null;
        throw error;
      });
      if (!owner?.active) {
        throw new BadRequestException({
          code: ErrorCode.ValidationFailed,
          field: 'ownerId',
          message: 'Unknown or inactive task owner',
        });
      }
      const title = req.title.normalize('NFC').trim();
      const taskId = await this.tasks.addTask(m, {
        incidentId: id,
        title,
        ownerId: req.ownerId,
        dueAt: req.dueAt ? new Date(req.dueAt) : null,
        createdBy: user.id,
        at: now,
      });
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.TaskAdded, params: { title } },
        data: { taskId, ownerId: req.ownerId, dueAt: req.dueAt ?? null },
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
      // The task's owner closes it, or someone who handles incidents at one of its units; others in scope may only
      // read it.
      const title = await this.tasks.complete(m, {
        incidentId: id,
        taskId,
        at: now,
        anyone: mayActOn(user, INCIDENT_HANDLERS, await this.store.unitCodes(m, id)),
        personId: user.id,
      });
      if (title === null) {
        if (await this.tasks.isOpen(m, id, taskId))
          throw notAssignee('Only the task owner or a person handling incidents can close this task');
        throw invalidTransition('The task does not exist or is already done');
      }
      await appendTimeline(m, {
        incidentId: id,
        at: now,
        actorId: user.id,
        message: { code: TimelineCode.TaskDone, params: { title } },
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
}
