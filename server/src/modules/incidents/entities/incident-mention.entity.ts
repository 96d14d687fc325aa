import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';

/** A mention attached to an incident, with the facts the office saw when it attached. */
@Entity('incident_mention')
@Index('incident_mention_incident_idx', { synchronize: false })
export class IncidentMentionEntity {
  @PrimaryColumn('uuid', { name: 'mention_id' })
  mentionId!: string;

  @Column('uuid', { name: 'incident_id' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_mention_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid', { name: 'story_id', nullable: true })
  storyId!: string | null;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  url!: string | null;

  @Column('text')
  outlet!: string;

  @Column('text', { name: 'source_kind', nullable: true })
  sourceKind!: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column('real', { nullable: true })
  sentiment!: number | null;

  @Column('text', { name: 'sentiment_label', nullable: true })
  sentimentLabel!: string | null;

  @Column('real', { name: 'reach_weight', default: 1 })
  reachWeight!: number;

  @Column('text', { nullable: true })
  severity!: string | null;

  @Column('text', { name: 'severity_reasons', array: true, default: () => "'{}'" })
  severityReasons!: string[];

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('text', { name: 'unit_codes', array: true, default: () => "'{}'" })
  unitCodes!: string[];

  @Column('timestamptz', { name: 'attached_at' })
  attachedAt!: Date;

  /** When the analysis stage recorded the mention (its analysed_at). */
  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
