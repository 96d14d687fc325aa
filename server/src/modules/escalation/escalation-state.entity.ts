import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/** An incident's escalation clocks: the chain's level and next step, and the response deadline. */
@Entity('escalation_state')
@Check('escalation_state_level_check', 'level >= 1 AND level <= 4')
@Index('escalation_state_next_idx', { synchronize: false })
@Index('escalation_state_respond_idx', { synchronize: false })
export class EscalationStateEntity {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  // The incident's table by name: escalation sits below incidents and imports nothing of it (docs/ARCHITECTURE.md).
  @OneToOne('incident', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'escalation_state_incident_id_fkey' })
  incident?: object;

  @Column('text')
  severity!: string;

  @Column('integer')
  level!: number;

  @Column('integer', { name: 'reminder_round', default: 0 })
  reminderRound!: number;

  @Column('timestamptz', { name: 'ack_due_at', nullable: true })
  ackDueAt!: Date | null;

  @Column('timestamptz', { name: 'respond_due_at', nullable: true })
  respondDueAt!: Date | null;

  @Column('timestamptz', { name: 'next_step_at', nullable: true })
  nextStepAt!: Date | null;

  @Column('timestamptz', { name: 'response_overdue_at', nullable: true })
  responseOverdueAt!: Date | null;

  @Column('timestamptz', { name: 'stopped_at', nullable: true })
  stoppedAt!: Date | null;

  /** Opened from old coverage: the chain keeps to working hours (see oldCoveragePolicy). */
  @Column('boolean', { name: 'old_coverage', default: false })
  oldCoverage!: boolean;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
