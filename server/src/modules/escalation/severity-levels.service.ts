import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  SEVERITIES,
  type Severity,
  type SeverityLevelView,
  type UpdateSeverityLevelRequest,
} from '@mw/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/auth-user';
import { AuditService } from '../organisation';

interface Row {
  code: Severity;
  name_vi: string;
  name_en: string;
  colour: string;
  ack_minutes: number | null;
  respond_minutes: number | null;
  escalate_every_minutes: number;
  working_days_only: boolean;
  ignores_quiet_hours: boolean;
  sort_order: number;
}

const COLUMNS: Record<keyof UpdateSeverityLevelRequest, string> = {
  nameVi: 'name_vi',
  nameEn: 'name_en',
  colour: 'colour',
  ackMinutes: 'ack_minutes',
  respondMinutes: 'respond_minutes',
  escalateEveryMinutes: 'escalate_every_minutes',
  workingDaysOnly: 'working_days_only',
  ignoresQuietHours: 'ignores_quiet_hours',
};

/** Severity levels are data: names, colour and deadlines the office tunes without a release. */
@Injectable()
export class SeverityLevelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SeverityLevelView[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM severity_level ORDER BY sort_order`);
    return rows.map(toView);
  }

  async update(actor: Actor, code: string, req: UpdateSeverityLevelRequest): Promise<SeverityLevelView> {
    if (!(SEVERITIES as readonly string[]).includes(code)) {
      throw new NotFoundException({ code: ErrorCode.NotFound, message: `Severity level ${code} not found` });
    }
    return this.dataSource.transaction(async (m) => {
      const before: Row[] = await m.query(`SELECT * FROM severity_level WHERE code = $1 FOR UPDATE`, [code]);
      const sets: string[] = [];
      const params: unknown[] = [code];
      for (const [key, column] of Object.entries(COLUMNS) as [keyof UpdateSeverityLevelRequest, string][]) {
        if (req[key] === undefined) continue;
        params.push(typeof req[key] === 'string' ? (req[key] as string).normalize('NFC').trim() : req[key]);
        sets.push(`${column} = $${params.length}`);
      }
      if (sets.length > 0) await m.query(`UPDATE severity_level SET ${sets.join(', ')} WHERE code = $1`, params);
      const after: Row[] = await m.query(`SELECT * FROM severity_level WHERE code = $1`, [code]);
      const view = toView(after[0] as Row);
      await this.audit.record(
        actor,
        {
          action: 'severity_level.update',
          entityType: 'severity_level',
          entityId: code,
          before: before[0] ? toView(before[0]) : null,
          after: view,
        },
        m,
      );
      return view;
    });
  }
}

function toView(r: Row): SeverityLevelView {
  return {
    code: r.code,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    colour: r.colour,
    ackMinutes: r.ack_minutes,
    respondMinutes: r.respond_minutes,
    escalateEveryMinutes: r.escalate_every_minutes,
    workingDaysOnly: r.working_days_only,
    ignoresQuietHours: r.ignores_quiet_hours,
    order: r.sort_order,
  };
}
