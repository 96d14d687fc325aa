import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WeeklyReport } from '@mw/shared';

/** One stored weekly report per ISO week; written once, after the week ended, by the Monday schedule. */
@Entity('weekly_report')
export class WeeklyReportEntity {
  @PrimaryColumn('text')
  week!: string;

  @Column('timestamptz', { name: 'week_start' })
  weekStart!: Date;

  @Column('timestamptz', { name: 'week_end' })
  weekEnd!: Date;

  @Column('jsonb')
  body!: WeeklyReport;

  @Column('timestamptz', { name: 'generated_at' })
  generatedAt!: Date;
}
