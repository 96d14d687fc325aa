import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';

/** A dismissed incident's mentions, marked as a false match for the analysis labels to learn from. */
@Entity('analysis_correction')
export class AnalysisCorrectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'incident_id' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity)
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'analysis_correction_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid', { name: 'mention_ids', array: true })
  mentionIds!: string[];

  @Column('text', { default: 'false_match' })
  kind!: string;

  @Column('text')
  reason!: string;

  @Column('uuid', { name: 'corrected_by', nullable: true })
  correctedBy!: string | null;

  @Column('timestamptz')
  at!: Date;
}
