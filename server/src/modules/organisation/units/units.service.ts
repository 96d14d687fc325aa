import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  OFFICE_UNIT_CODE,
  UnitLevel,
  type CreateUnitRequest,
  type NetworkContact,
  type NetworkGap,
  type OrganisationGapsResponse,
  type Page,
  type Role,
  type UnitDetail,
  type UnitNetwork,
  type UnitView,
  type UpdateUnitRequest,
} from '@mw/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { ScopeService } from '../../../common/auth/scope';
import { loadSeedUnits, SeedUnit } from '../../../database/seeds/seed-files';
import { AuditService } from '../audit/audit.service';
import { UnitEntity } from './unit.entity';
import { toUnitView } from './unit.mapper';

const OFFICE_SEED: SeedUnit = {
  code: OFFICE_UNIT_CODE,
  name: 'Phòng Giáo dục và Đào tạo Gò Vấp',
  level: UnitLevel.Office,
  ownership: 'Công lập',
  address: '',
};

export interface UnitFilter {
  level?: UnitLevel;
  active?: boolean;
  /** Case- and accent-sensitive substring of the name or code. */
  q?: string;
}

/**
 * Called in the transaction that changes units' names or aliases, with their codes: a module that keeps units' names
 * beside its own rows (incidents, for search) refreshes them, so they commit together.
 */
export type UnitNamesListener = (manager: EntityManager, codes: readonly string[]) => Promise<void>;

/** What bulk writers of units (the CLI's import) tell when names changed. */
export interface UnitNamesChanged {
  namesChanged(manager: EntityManager, codes: readonly string[]): Promise<void>;
}

interface NetworkRow {
  role: Role;
  deputy: boolean;
  person_id: string;
  name: string;
  email: string;
  phone: string | null;
  zalo_id: string | null;
}

/** Units (the 231 Gò Vấp schools and the office) and each unit's spokesperson network. */
@Injectable()
export class UnitsService implements UnitNamesChanged {
  private readonly logger = new Logger('units');
  private readonly namesListeners: UnitNamesListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Registers, at start-up, a module that keeps units' names beside its rows (see UnitNamesListener). */
  onNamesChanged(listener: UnitNamesListener): void {
    this.namesListeners.push(listener);
  }

  async namesChanged(manager: EntityManager, codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    for (const listener of this.namesListeners) await listener(manager, codes);
  }

  private get repo() {
    return this.dataSource.getRepository(UnitEntity);
  }

  /** Inserts the seed units that are missing (one statement, safe when several instances start together). */
  async seed(): Promise<number> {
    const seeds = loadSeedUnits();
    if (!seeds.some((u) => u.code === OFFICE_UNIT_CODE)) seeds.push(OFFICE_SEED);
    const rows: { code: string }[] = await this.dataSource.query(
      `INSERT INTO unit (code, name, level, ownership, address)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        seeds.map((u) => u.code),
        seeds.map((u) => u.name),
        seeds.map((u) => u.level),
        seeds.map((u) => u.ownership),
        seeds.map((u) => u.address),
      ],
    );
    if (rows.length > 0) this.logger.log(`seeded ${rows.length} units`);
    return rows.length;
  }

  async findByCode(code: string): Promise<UnitEntity | null> {
    return this.repo.findOneBy({ code });
  }

  /** Which of these codes name a unit (active or not), unscoped. */
  async existing(codes: readonly string[]): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource.query(`SELECT code FROM unit WHERE code = ANY($1::text[])`, [
      [...codes],
    ]);
    return rows.map((r) => r.code);
  }

  /** Every active unit, unscoped: for server-side consumers such as the mention matcher. */
  async listAll(): Promise<UnitView[]> {
    return (await this.repo.find({ order: { code: 'ASC' } })).map(toUnitView);
  }

  /** A unit's network without scoping, for server-side consumers (escalation, notifications); null if unknown. */
  async networkByCode(code: string): Promise<UnitNetwork | null> {
    const unit = await this.repo.findOneBy({ code });
    return unit ? this.networkOf(unit) : null;
  }

  async list(user: AuthUser, filter: UnitFilter = {}): Promise<UnitView[]> {
    const qb = this.filtered(user, filter);
    return qb ? (await qb.getMany()).map(toUnitView) : [];
  }

  /** One page of `list`, in the same order, with the total count of matches. */
  async listPage(user: AuthUser, filter: UnitFilter, page: number, pageSize: number): Promise<Page<UnitView>> {
    const qb = this.filtered(user, filter);
    if (!qb) return { items: [], total: 0, page, pageSize };
    const [units, total] = await qb
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: units.map(toUnitView), total, page, pageSize };
  }

  /** The units the person may see that match the filter; null when they may see none. */
  private filtered(user: AuthUser, filter: UnitFilter) {
    const codes = this.scope.unitCodesFor(user);
    if (codes !== 'all' && codes.length === 0) return null;
    // The code breaks ties between units of the same name so that pages neither repeat nor skip one.
    const qb = this.repo
      .createQueryBuilder('u')
      .orderBy('u.level', 'ASC')
      .addOrderBy('u.name', 'ASC')
      .addOrderBy('u.code', 'ASC');
    if (codes !== 'all') qb.andWhere('u.code = ANY(:codes)', { codes });
    if (filter.level) qb.andWhere('u.level = :level', { level: filter.level });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) {
      qb.andWhere("(u.name ILIKE :q OR u.code ILIKE :q OR array_to_string(u.aliases, ' ') ILIKE :q)", {
        q: `%${filter.q.normalize('NFC').replace(/[%_\\]/g, (c) => `\\${c}`)}%`,
      });
    }
    return qb;
  }

  async get(user: AuthUser, code: string): Promise<UnitDetail> {
    this.scope.assertUnitAccess(user, code);
    const unit = await this.require(code);
    return { ...toUnitView(unit), network: await this.networkOf(unit) };
  }

  async network(user: AuthUser, code: string): Promise<UnitNetwork> {
    this.scope.assertUnitAccess(user, code);
    return this.networkOf(await this.require(code));
  }

  async create(actor: Actor, req: CreateUnitRequest): Promise<UnitView> {
    return this.dataSource.transaction(async (m) => {
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO unit (code, name, level, ownership, address, aliases) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [
          req.code.trim(),
          req.name.normalize('NFC').trim(),
          req.level,
          (req.ownership ?? '').normalize('NFC'),
          (req.address ?? '').normalize('NFC'),
          normaliseAliases(req.aliases ?? []),
        ],
      );
      if (inserted.length === 0) {
        throw new ConflictException({ code: ErrorCode.Conflict, message: `Unit ${req.code} already exists` });
      }
      const unit = await m.findOneByOrFail(UnitEntity, { code: req.code.trim() });
      const view = toUnitView(unit);
      await this.audit.record(
        actor,
        { action: 'unit.create', entityType: 'unit', entityId: unit.code, after: view },
        m,
      );
      return view;
    });
  }

  async update(actor: Actor, code: string, req: UpdateUnitRequest): Promise<UnitView> {
    return this.dataSource.transaction(async (m) => {
      const unit = await m.findOne(UnitEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw notFound(code);
      const before = toUnitView(unit);
      if (req.name !== undefined) unit.name = req.name.normalize('NFC').trim();
      if (req.address !== undefined) unit.address = req.address.normalize('NFC').trim();
      if (req.aliases !== undefined) unit.aliases = normaliseAliases(req.aliases);
      if (req.active !== undefined) unit.active = req.active;
      await m.save(unit);
      const after = toUnitView(unit);
      if (after.name !== before.name || JSON.stringify(after.aliases) !== JSON.stringify(before.aliases)) {
        await this.namesChanged(m, [code]);
      }
      await this.audit.record(actor, { action: 'unit.update', entityType: 'unit', entityId: code, before, after }, m);
      return after;
    });
  }

  /** Active schools missing a spokesperson or a principal with a way to reach them (e-mail always exists). */
  async gaps(): Promise<OrganisationGapsResponse> {
    const rows: { code: string; name: string; level: UnitLevel; has_spokesperson: boolean; has_principal: boolean }[] =
      await this.dataSource.query(
        `SELECT u.code, u.name, u.level,
           EXISTS (SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
                   WHERE r.unit_id = u.id AND r.role = 'unit_spokesperson' AND NOT r.deputy
                     AND r.renounced_at IS NULL AND p.active) AS has_spokesperson,
           EXISTS (SELECT 1 FROM role_assignment r JOIN person p ON p.id = r.person_id
                   WHERE r.unit_id = u.id AND r.role = 'principal' AND r.renounced_at IS NULL AND p.active) AS has_principal
         FROM unit u
         WHERE u.active AND u.level <> 'OFFICE'
         ORDER BY u.level, u.name`,
      );
    const units = rows
      .map((r) => {
        const missing: NetworkGap[] = [];
        if (!r.has_spokesperson) missing.push('spokesperson');
        if (!r.has_principal) missing.push('principal');
        return { code: r.code, name: r.name, level: r.level, missing };
      })
      .filter((u) => u.missing.length > 0);
    return { units, totalUnits: rows.length };
  }

  private async require(code: string): Promise<UnitEntity> {
    const unit = await this.repo.findOneBy({ code });
    if (!unit) throw notFound(code);
    return unit;
  }

  private async networkOf(unit: UnitEntity): Promise<UnitNetwork> {
    const rows: NetworkRow[] = await this.dataSource.query(
      `SELECT r.role, r.deputy, p.id AS person_id, p.name, p.email, p.phone, p.zalo_id
       FROM role_assignment r JOIN person p ON p.id = r.person_id
       WHERE r.unit_id = $1 AND r.renounced_at IS NULL AND p.active
       ORDER BY r.assumed_at, p.name`,
      [unit.id],
    );
    const pick = (predicate: (r: NetworkRow) => boolean): NetworkContact[] => dedupe(rows.filter(predicate));
    const spokespersonRole: Role = unit.level === UnitLevel.Office ? 'office_spokesperson' : 'unit_spokesperson';
    const network: UnitNetwork = {
      unitCode: unit.code,
      spokesperson: pick((r) => r.role === spokespersonRole && !r.deputy),
      deputySpokesperson: pick((r) => r.role === spokespersonRole && r.deputy),
      webAdmin: pick((r) => r.role === 'unit_web_admin'),
      principal: pick((r) => r.role === 'principal'),
    };
    if (unit.level === UnitLevel.Office) {
      network.leaders = pick((r) => r.role === 'leader');
      network.steeringCommittee = pick((r) => r.role === 'steering_member');
      network.workingGroup = pick(() => true);
    }
    return network;
  }
}

function dedupe(rows: NetworkRow[]): NetworkContact[] {
  const seen = new Map<string, NetworkContact>();
  for (const r of rows) {
    if (!seen.has(r.person_id)) {
      seen.set(r.person_id, { personId: r.person_id, name: r.name, email: r.email, phone: r.phone, zaloId: r.zalo_id });
    }
  }
  return [...seen.values()];
}

function normaliseAliases(aliases: string[]): string[] {
  return [...new Set(aliases.map((a) => a.normalize('NFC').trim()).filter((a) => a.length > 0))];
}

function notFound(code: string): NotFoundException {
  return new NotFoundException({ code: ErrorCode.NotFound, message: `Unit ${code} not found` });
}
