import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import {
  ErrorCode,
  OFFICE_ROLES,
  OFFICE_UNIT_CODE,
  UnitLevel,
  type CreatePersonRequest,
  type MeResponse,
  type NotificationPreferences,
  type Page,
  type PersonDetail,
  type PersonView,
  type ResetPasswordRequest,
  type ResetPasswordResponse,
  type Role,
  type RoleAssignmentRequest,
  type RoleAssignmentView,
  type UpdatePersonRequest,
  type UpdatePreferencesRequest,
} from '@mw/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { unitCodesFor } from '../../../common/auth/scope';
import { Clock } from '../../../common/clock/clock';
import { DomainEventBus } from '../../../common/events/domain-events';
import { AuditService } from '../audit/audit.service';
import { LoginThrottle } from '../auth/login-throttle.service';
import { PasswordHasher } from '../auth/password-hasher';
import { RefreshTokenStore } from '../auth/refresh-token.store';
import { returnedRows } from '../../../common/database/returned-rows';
import { UnitEntity } from '../units/unit.entity';
import { PersonEntity } from './person.entity';
import {
  AssignmentRow,
  auditablePerson,
  normaliseEmail,
  toAssignmentView,
  toPersonView,
  toPreferences,
} from './person.mapper';

const OFFICE_ROLE_SET = new Set<Role>(OFFICE_ROLES);
/** Arbitrary constant: serialises the last-admin check between concurrent requests and instances. */
const LAST_ADMIN_LOCK = 764_000_002;

export interface PersonFilter {
  q?: string;
  role?: Role;
  unitCode?: string;
  active?: boolean;
}

/** People of the network, their role assignments (with history) and notification preferences. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly tokens: RefreshTokenStore,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    private readonly events: DomainEventBus,
  ) {}

  async list(filter: PersonFilter = {}): Promise<PersonView[]> {
    return this.withRoles(await this.filtered(filter).getMany());
  }

  /** One page of `list`, in the same order, with the total count of matches. */
  async listPage(filter: PersonFilter, page: number, pageSize: number): Promise<Page<PersonView>> {
    const [people, total] = await this.filtered(filter)
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.withRoles(people), total, page, pageSize };
  }

  private filtered(filter: PersonFilter) {
    // The id breaks ties between namesakes so that pages neither repeat nor skip anyone.
    const qb = this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC');
    if (filter.active !== undefined) qb.andWhere('p.active = :active', { active: filter.active });
    if (filter.q) {
      qb.andWhere('(p.name ILIKE :q OR p.email ILIKE :q)', {
        q: `%${filter.q.normalize('NFC').replace(/[%_\\]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (filter.role || filter.unitCode) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM role_assignment r JOIN unit u ON u.id = r.unit_id
                 WHERE r.person_id = p.id AND r.renounced_at IS NULL
                   AND (CAST(:role AS text) IS NULL OR r.role = :role)
                   AND (CAST(:unitCode AS text) IS NULL OR u.code = :unitCode))`,
        { role: filter.role ?? null, unitCode: filter.unitCode ?? null },
      );
    }
    return qb;
  }

  private async withRoles(people: PersonEntity[]): Promise<PersonView[]> {
    const assignments = await this.assignmentsOf(people.map((p) => p.id));
    return people.map((p) =>
      toPersonView(
        p,
        assignments.filter((a) => a.person_id === p.id),
      ),
    );
  }

  /**
   * One person with their role history. `manager` lets a caller read inside its own transaction (the notification
   * planner, incident assignment), so what it sees and what it writes are one snapshot on one connection.
   */
  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<PersonDetail> {
    return this.detail(await this.require(id, manager), manager);
  }

  async create(actor: Actor, req: CreatePersonRequest): Promise<PersonDetail> {
    const passwordHash = req.password ? await this.hasher.hash(req.password) : null;
    const person = await this.dataSource.transaction(async (m) => {
      const email = normaliseEmail(req.email);
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO person (name, email, phone, zalo_id, language, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [
          req.name.normalize('NFC').trim(),
          email,
          req.phone ?? null,
          req.zaloId ?? null,
          req.language ?? 'vi',
          passwordHash,
        ],
      );
      const id = inserted[0]?.id;
      if (!id) {
        throw new ConflictException({
          code: ErrorCode.Conflict,
          field: 'email',
          message: `${email} already has an account`,
        });
      }
      const created = await this.require(id, m);
      await this.audit.record(
        actor,
        { action: 'person.create', entityType: 'person', entityId: id, after: auditablePerson(created) },
        m,
      );
      for (const role of req.roles ?? []) await this.assignWithin(m, actor, created, role);
      return created;
    });
    return this.detail(person);
  }

  async update(actor: Actor, id: string, req: UpdatePersonRequest): Promise<PersonDetail> {
    const person = await this.dataSource.transaction(async (m) => {
      const p = await this.require(id, m, true);
      const before = auditablePerson(p);
      if (req.name !== undefined) p.name = req.name.normalize('NFC').trim();
      if (req.email !== undefined) p.email = normaliseEmail(req.email);
      if (req.phone !== undefined) p.phone = req.phone;
      if (req.zaloId !== undefined) p.zaloId = req.zaloId;
      if (req.language !== undefined) p.language = req.language;
      if (req.active !== undefined) p.active = req.active;
      try {
        await m.save(p);
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new ConflictException({
            code: ErrorCode.Conflict,
            field: 'email',
            message: `${p.email} already has an account`,
          });
        }
        throw err;
      }
      if (req.active === false) {
        await this.tokens.revokeAllOf(id, this.clock.now(), m);
        await this.assertAdminRemains(m);
      }
      await this.audit.record(
        actor,
        { action: 'person.update', entityType: 'person', entityId: id, before, after: auditablePerson(p) },
        m,
      );
      return p;
    });
    if (req.active !== undefined) this.accessChanged(id);
    return this.detail(person);
  }

  async assignRole(actor: Actor, personId: string, req: RoleAssignmentRequest): Promise<RoleAssignmentView> {
    const view = await this.dataSource.transaction(async (m) => {
      const person = await this.require(personId, m, true);
      const assignmentId = await this.assignWithin(m, actor, person, req);
      return toAssignmentView(await this.assignmentRow(m, assignmentId));
    });
    this.accessChanged(personId);
    return view;
  }

  /** Ends an assignment; the row stays as history. */
  async renounceRole(actor: Actor, personId: string, assignmentId: string): Promise<RoleAssignmentView> {
    const renounced = await this.dataSource.transaction(async (m) => {
      const result: unknown = await m.query(
        `UPDATE role_assignment SET renounced_at = $3 WHERE id = $1 AND person_id = $2 AND renounced_at IS NULL
         RETURNING id`,
        [assignmentId, personId, this.clock.now()],
      );
      if (returnedRows(result).length === 0) {
        throw new NotFoundException({ code: ErrorCode.NotFound, message: 'No such active role assignment' });
      }
      await this.assertAdminRemains(m);
      const view = toAssignmentView(await this.assignmentRow(m, assignmentId));
      await this.audit.record(
        actor,
        { action: 'role.renounce', entityType: 'role_assignment', entityId: assignmentId, after: view },
        m,
      );
      return view;
    });
    this.accessChanged(personId);
    return renounced;
  }

  async resetPassword(actor: Actor, id: string, req: ResetPasswordRequest): Promise<ResetPasswordResponse> {
    const temporary = req.newPassword ? undefined : randomBytes(12).toString('base64url');
    const hash = await this.hasher.hash(req.newPassword ?? (temporary as string));
    await this.dataSource.transaction(async (m) => {
      const p = await this.require(id, m, true);
      p.passwordHash = hash;
      await m.save(p);
      await this.throttle.clear(p.email, m);
      await this.tokens.revokeAllOf(id, this.clock.now(), m);
      await this.audit.record(actor, { action: 'person.password_reset', entityType: 'person', entityId: id }, m);
    });
    this.accessChanged(id);
    return temporary ? { temporaryPassword: temporary } : {};
  }

  async me(personId: string): Promise<MeResponse> {
    const person = await this.require(personId, this.dataSource.manager);
    const assignments = await this.assignmentsOf([personId]);
    const user = await this.loadAuthUser(personId);
    return {
      ...toPersonView(person, assignments),
      preferences: toPreferences(person),
      scope: user ? unitCodesFor(user) : [],
    };
  }

  async updatePreferences(
    actor: Actor,
    personId: string,
    req: UpdatePreferencesRequest,
  ): Promise<NotificationPreferences> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.require(personId, m, true);
      const before = { ...toPreferences(p), language: p.language };
      if (req.channels !== undefined) p.notifyChannels = [...new Set(req.channels)];
      if (req.quietHours !== undefined) {
        p.quietHoursStart = req.quietHours?.start ?? null;
        p.quietHoursEnd = req.quietHours?.end ?? null;
      }
      if (req.language !== undefined) p.language = req.language;
      await m.save(p);
      const after = toPreferences(p);
      await this.audit.record(
        actor,
        {
          action: 'person.preferences',
          entityType: 'person',
          entityId: personId,
          before,
          after: { ...after, language: p.language },
        },
        m,
      );
      return after;
    });
  }

  /** Notification preferences of a person, for the notifications module; null when unknown or inactive. */
  async preferencesFor(
    personId: string,
  ): Promise<(NotificationPreferences & { language: PersonEntity['language'] }) | null> {
    const p = await this.dataSource.getRepository(PersonEntity).findOneBy({ id: personId, active: true });
    return p ? { ...toPreferences(p), language: p.language } : null;
  }

  /** The person as the guard sees them: active only, with active role assignments. */
  async loadAuthUser(personId: string, manager: EntityManager = this.dataSource.manager): Promise<AuthUser | null> {
    const rows: {
      id: string;
      email: string;
      name: string;
      role: Role | null;
      code: string | null;
      deputy: boolean | null;
    }[] = await manager.query(
      `SELECT p.id, p.email, p.name, r.role, u.code, r.deputy
         FROM person p
         LEFT JOIN role_assignment r ON r.person_id = p.id AND r.renounced_at IS NULL
         LEFT JOIN unit u ON u.id = r.unit_id
         WHERE p.id = $1 AND p.active`,
      [personId],
    );
    const first = rows[0];
    if (!first) return null;
    return {
      id: first.id,
      email: first.email,
      name: first.name,
      roles: rows
        .filter((r) => r.role !== null && r.code !== null)
        .map((r) => ({ role: r.role as Role, unitCode: r.code as string, deputy: r.deputy === true })),
    };
  }

  /**
   * The first admin from MW_ADMIN_EMAIL/MW_ADMIN_PASSWORD: created only when no such person exists. The unique
   * e-mail makes concurrent starts of several instances create it once.
   */
  async ensureAdmin(email: string, password: string, actor: Actor): Promise<boolean> {
    const normalised = normaliseEmail(email);
    const exists = await this.dataSource.getRepository(PersonEntity).existsBy({ email: normalised });
    if (exists) return false;
    const hash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (m) => {
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO person (name, email, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id`,
        ['Administrator', normalised, hash],
      );
      const id = inserted[0]?.id;
      if (!id) return false;
      const person = await this.require(id, m);
      await this.audit.record(
        actor,
        { action: 'person.create', entityType: 'person', entityId: id, after: auditablePerson(person) },
        m,
      );
      await this.assignWithin(m, actor, person, { role: 'admin' });
      return true;
    });
  }

  /** After commit: the person's live sockets are checked again (sessions, roles), on every instance. */
  private accessChanged(personId: string): void {
    this.events.emit('person.access_changed', { personId });
  }

  private async detail(p: PersonEntity, manager: EntityManager = this.dataSource.manager): Promise<PersonDetail> {
    const assignments = await this.assignmentsOf([p.id], manager);
    return {
      ...toPersonView(p, assignments),
      roleHistory: assignments.map(toAssignmentView),
      preferences: toPreferences(p),
      lockedUntil: (await this.throttle.lockedUntil(p.email, manager))?.toISOString() ?? null,
    };
  }

  private async assignWithin(
    m: EntityManager,
    actor: Actor,
    person: PersonEntity,
    req: RoleAssignmentRequest,
  ): Promise<string> {
    const office = OFFICE_ROLE_SET.has(req.role);
    const code = req.unitCode ?? (office ? OFFICE_UNIT_CODE : undefined);
    if (!code) {
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'unitCode',
        message: `unitCode is required for ${req.role}`,
      });
    }
    const unit = await m.findOneBy(UnitEntity, { code });
    if (!unit)
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'unitCode',
        message: `Unknown unit ${code}`,
      });
    if (office !== (unit.level === UnitLevel.Office)) {
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'unitCode',
        message: office ? `${req.role} is held at the office unit` : `${req.role} is held at a school, not the office`,
      });
    }
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO role_assignment (person_id, unit_id, role, deputy, assumed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (person_id, unit_id, role) WHERE renounced_at IS NULL DO NOTHING RETURNING id`,
      [person.id, unit.id, req.role, req.deputy ?? false, this.clock.now()],
    );
    const id = inserted[0]?.id;
    if (!id) {
      throw new ConflictException({
        code: ErrorCode.Conflict,
        message: `${person.email} already holds ${req.role} at ${code}`,
      });
    }
    await this.audit.record(
      actor,
      {
        action: 'role.assign',
        entityType: 'role_assignment',
        entityId: id,
        after: { personId: person.id, role: req.role, unitCode: code, deputy: req.deputy ?? false },
      },
      m,
    );
    return id;
  }

  /** Nobody could manage people again without an admin, so the last one cannot be renounced or deactivated. */
  private async assertAdminRemains(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [LAST_ADMIN_LOCK]);
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.role = 'admin' AND r.renounced_at IS NULL AND p.active`,
    );
    if ((rows[0]?.n ?? 0) === 0) {
      throw new ConflictException({
        code: ErrorCode.Conflict,
        message: 'This is the last admin; name another admin first',
      });
    }
  }

  private async require(id: string, m: EntityManager, lock = false): Promise<PersonEntity> {
    const p = await m.findOne(PersonEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!p) throw new NotFoundException({ code: ErrorCode.NotFound, message: 'Person not found' });
    return p;
  }

  private async assignmentsOf(
    personIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AssignmentRow[]> {
    if (personIds.length === 0) return [];
    return manager.query(
      `SELECT r.id, r.person_id, r.role, u.code AS unit_code, u.name AS unit_name, r.deputy, r.assumed_at, r.renounced_at
       FROM role_assignment r JOIN unit u ON u.id = r.unit_id
       WHERE r.person_id = ANY($1::uuid[]) ORDER BY r.assumed_at, u.code`,
      [personIds],
    );
  }

  private async assignmentRow(m: EntityManager, id: string): Promise<AssignmentRow> {
    const rows: AssignmentRow[] = await m.query(
      `SELECT r.id, r.person_id, r.role, u.code AS unit_code, u.name AS unit_name, r.deputy, r.assumed_at, r.renounced_at
       FROM role_assignment r JOIN unit u ON u.id = r.unit_id WHERE r.id = $1`,
      [id],
    );
    return rows[0] as AssignmentRow;
  }
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string } | undefined)?.code === '23505';
}
