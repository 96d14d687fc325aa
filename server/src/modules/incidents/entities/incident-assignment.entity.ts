import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';

/** Who handles an incident; unassigning sets `unassigned_at`, so the history stays. */
@Entity('incident_assignment')
@Index('incident_assignment_active_uq', { synchronize: false })
export class IncidentAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'incident_id' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_assignment_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @Column('text')
  reason!: string;

  @Column('timestamptz', { name: 'assigned_at' })
  assignedAt!: Date;

  @Column('uuid', { name: 'assigned_by', nullable: true })
  assignedBy!: string | null;

  @Column('timestamptz', { name: 'unassigned_at', nullable: true })
  unassignedAt!: Date | null;

  @Column('uuid', { name: 'unassigned_by', nullable: true })
  unassignedBy!: string | null;
}
