import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE); written by appendTimeline only. */
@Entity('incident_timeline')
@Index('incident_timeline_incident_idx', { synchronize: false })
export class IncidentTimelineEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('uuid', { name: 'incident_id' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_timeline_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('timestamptz')
  at!: Date;

  @Column('text')
  kind!: string;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column('text')
  summary!: string;

  @Column('jsonb', { default: () => "'{}'" })
  data!: Record<string, unknown>;
}
