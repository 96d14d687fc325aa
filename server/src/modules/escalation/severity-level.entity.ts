import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A severity level as data: names, colour, deadlines and how escalation treats it. */
@Entity('severity_level')
@Check('severity_level_code_check', `code IN ('S1', 'S2', 'S3', 'S4')`)
@Check('severity_level_ack_minutes_check', 'ack_minutes > 0')
@Check('severity_level_respond_minutes_check', 'respond_minutes > 0')
@Check('severity_level_escalate_every_minutes_check', 'escalate_every_minutes > 0')
export class SeverityLevelEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text', { name: 'name_vi' })
  nameVi!: string;

  @Column('text', { name: 'name_en' })
  nameEn!: string;

  @Column('text')
  colour!: string;

  @Column('integer', { name: 'ack_minutes', nullable: true })
  ackMinutes!: number | null;

  @Column('integer', { name: 'respond_minutes', nullable: true })
  respondMinutes!: number | null;

  @Column('integer', { name: 'escalate_every_minutes' })
  escalateEveryMinutes!: number;

  @Column('boolean', { name: 'working_days_only', default: false })
  workingDaysOnly!: boolean;

  @Column('boolean', { name: 'ignores_quiet_hours', default: false })
  ignoresQuietHours!: boolean;

  @Column('integer', { name: 'sort_order' })
  sortOrder!: number;
}
