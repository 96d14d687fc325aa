import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The office calendar escalation follows; exactly one row (id 1). */
@Entity('escalation_settings')
@Check('escalation_settings_id_check', 'id = 1')
export class EscalationSettingsEntity {
  @PrimaryColumn('integer')
  id!: number;

  @Column('integer', { name: 'working_days', array: true, default: () => "'{1,2,3,4,5}'" })
  workingDays!: number[];

  @Column('text', { name: 'workday_start', default: '07:30' })
  workdayStart!: string;

  @Column('text', { name: 'workday_end', default: '17:00' })
  workdayEnd!: string;

  @Column('text', { name: 'quiet_start', nullable: true, default: '21:30' })
  quietStart!: string | null;

  @Column('text', { name: 'quiet_end', nullable: true, default: '06:30' })
  quietEnd!: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
