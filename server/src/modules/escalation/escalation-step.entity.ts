import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One escalation step actually taken; the unique key makes each step happen once across instances. */
@Entity('escalation_step')
@Unique('escalation_step_once', ['incidentId', 'kind', 'level', 'round'])
@Check('escalation_step_kind_check', `kind IN ('opened', 'escalated', 'reminder', 'response_overdue')`)
export class EscalationStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'incident_id' })
  incidentId!: string;

  // The incident's table by name: escalation sits below incidents and imports nothing of it (docs/ARCHITECTURE.md).
  @ManyToOne('incident', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'escalation_step_incident_id_fkey' })
  incident?: object;

  @Column('text')
  kind!: string;

  @Column('integer')
  level!: number;

  @Column('integer', { default: 0 })
  round!: number;

  @Column('uuid', { name: 'recipient_ids', array: true })
  recipientIds!: string[];

  @Column('integer', { default: 0 })
  notifications!: number;

  @Column('timestamptz')
  at!: Date;
}
