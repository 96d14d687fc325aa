import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EscalationSettingsView, UpdateEscalationSettingsRequest } from '@mw/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock/clock';
import { AuditService } from '../organisation';
import { TIMEZONE } from './escalation-policy';
import { EscalationClocks } from './escalation-clocks';

/** The office calendar escalation follows: working days and hours, quiet hours. One row, edited by admins. */
@Injectable()
export class EscalationSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly clocks: EscalationClocks,
  ) {}

  async get(): Promise<EscalationSettingsView> {
    const c = await this.clocks.calendar(this.dataSource.manager);
    return {
      timezone: TIMEZONE,
      workingDays: [...c.workingDays],
      workdayStart: c.workdayStart,
      workdayEnd: c.workdayEnd,
      quietHours: c.quietHours,
    };
  }

  async update(actor: Actor, req: UpdateEscalationSettingsRequest): Promise<EscalationSettingsView> {
    const before = await this.get();
    await this.dataSource.transaction(async (m) => {
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (req.workingDays !== undefined) set('working_days', [...new Set(req.workingDays)].sort());
      if (req.workdayStart !== undefined) set('workday_start', req.workdayStart);
      if (req.workdayEnd !== undefined) set('workday_end', req.workdayEnd);
      if (req.quietHours !== undefined) {
        set('quiet_start', req.quietHours?.start ?? null);
        set('quiet_end', req.quietHours?.end ?? null);
      }
      if (sets.length > 0) {
        set('updated_at', this.clock.now());
        await m.query(`UPDATE escalation_settings SET ${sets.join(', ')} WHERE id = 1`, params);
      }
      await this.audit.record(
        actor,
        { action: 'escalation_settings.update', entityType: 'escalation_settings', entityId: '1', before, after: req },
        m,
      );
    });
    return this.get();
  }
}
