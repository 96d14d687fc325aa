import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';

/** An official response: drafted, submitted, approved or sent back, then published with its link. */
@Entity('incident_response')
@Check('incident_response_template_check', `template IN ('holding_statement', 'correction_request', 'free')`)
@Check(
  'incident_response_status_check',
  `status IN ('draft', 'awaiting_approval', 'approved', 'sent_back', 'published')`,
)
@Index('incident_response_incident_idx', { synchronize: false })
export class IncidentResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'incident_id' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_response_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('text')
  template!: string;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  @Column('text')
  status!: string;

  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy!: string | null;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt!: Date | null;

  @Column('uuid', { name: 'sent_back_by', nullable: true })
  sentBackBy!: string | null;

  @Column('timestamptz', { name: 'sent_back_at', nullable: true })
  sentBackAt!: Date | null;

  @Column('text', { name: 'sent_back_reason', nullable: true })
  sentBackReason!: string | null;

  @Column('uuid', { name: 'published_by', nullable: true })
  publishedBy!: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column('text', { name: 'published_url', nullable: true })
  publishedUrl!: string | null;
}
