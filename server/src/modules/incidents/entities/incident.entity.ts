import {
  Check,
  Column,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { SeverityReasonView } from '@mw/shared';
import { SeverityLevelEntity } from '../../escalation';

/** An incident ticket; one timestamp column per workflow transition. Written through the stores in ../store only. */
@Entity('incident')
@Unique('incident_number_key', ['number'])
@Check(
  'incident_status_check',
  `status IN ('new', 'acknowledged', 'investigating', 'response_drafted', 'awaiting_approval', 'responded', 'resolved', 'dismissed')`,
)
@Check('incident_origin_check', `origin IN ('detected', 'manual', 'split')`)
@Index('incident_opened_idx', { synchronize: false })
@Index('incident_recorded_idx', { synchronize: false })
@Index('incident_story_idx', { synchronize: false })
@Index('incident_search_idx', { synchronize: false })
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS' })
  @Generated('increment')
  number!: string;

  @Column('text')
  title!: string;

  @Column('text', { default: '' })
  description!: string;

  @Column('text')
  origin!: string;

  @Column('text', { default: 'new' })
  status!: string;

  @Column('text')
  severity!: string;

  @ManyToOne(() => SeverityLevelEntity)
  @JoinColumn({ name: 'severity', foreignKeyConstraintName: 'incident_severity_fkey' })
  severityLevel?: SeverityLevelEntity;

  @Column('jsonb', { name: 'severity_reasons', default: () => "'[]'" })
  severityReasons!: SeverityReasonView[];

  @Column('boolean', { name: 'severity_manual', default: false })
  severityManual!: boolean;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('text', { name: 'source_url', nullable: true })
  sourceUrl!: string | null;

  @Column('uuid', { name: 'story_ids', array: true, default: () => "'{}'" })
  storyIds!: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  outlets!: string[];

  @Column('real', { default: 0 })
  reach!: number;

  @Column('integer', { name: 'mention_count', default: 0 })
  mentionCount!: number;

  @Column('text', { name: 'unreachable_units', array: true, default: () => "'{}'" })
  unreachableUnits!: string[];

  /**
   * The codes, names and aliases of the ticket's units, for search (incident_search_idx): written by the store with
   * the units, and again when organisation renames a unit.
   */
  @Column('text', { name: 'unit_names', default: '' })
  unitNames!: string;

  @Column('uuid', { name: 'merged_into', nullable: true })
  mergedInto!: string | null;

  @ManyToOne(() => IncidentEntity)
  @JoinColumn({ name: 'merged_into', foreignKeyConstraintName: 'incident_merged_into_fkey' })
  mergedIntoIncident?: IncidentEntity;

  @Column('uuid', { name: 'opened_by', nullable: true })
  openedBy!: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  /**
   * When the office recorded the first article of the ticket (the earliest analysed_at of the mentions it opened
   * with; the opening itself for a ticket opened by hand): what places the ticket in a report's period.
   */
  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @Column('uuid', { name: 'acknowledged_by', nullable: true })
  acknowledgedBy!: string | null;

  @Column('timestamptz', { name: 'investigating_at', nullable: true })
  investigatingAt!: Date | null;

  @Column('timestamptz', { name: 'response_drafted_at', nullable: true })
  responseDraftedAt!: Date | null;

  @Column('timestamptz', { name: 'awaiting_approval_at', nullable: true })
  awaitingApprovalAt!: Date | null;

  @Column('timestamptz', { name: 'responded_at', nullable: true })
  respondedAt!: Date | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('timestamptz', { name: 'dismissed_at', nullable: true })
  dismissedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
