import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';

@Entity('incident_comment')
@Index('incident_comment_incident_idx', { synchronize: false })
export class IncidentCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'incident_id' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_comment_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @Column('text')
  body!: string;

  @Column('timestamptz')
  at!: Date;
}
