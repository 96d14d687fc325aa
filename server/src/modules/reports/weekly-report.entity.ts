import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Report } from '@mw/shared';

/**
 * One stored report per ISO week and scope ('' for all of Gò Vấp, else a school's unit code); written once, after
 * the week ended, by the Monday schedule. Bodies stored before reports had `version` 2 are recomputed when read.
 */
@Entity('weekly_report')
export class WeeklyReportEntity {
  @PrimaryColumn('text')
  week!: string;

  @PrimaryColumn('text', { default: '' })
  scope!: string;

  @Column('timestamptz', { name: 'week_start' })
  weekStart!: Date;

  @Column('timestamptz', { name: 'week_end' })
  weekEnd!: Date;

  @Column('jsonb')
  body!: Report;

  @Column('timestamptz', { name: 'generated_at' })
  generatedAt!: Date;
}
