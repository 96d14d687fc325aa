import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far the intake has read the mentions, by their commit-ordered `seq`. */
@Entity('incident_intake_cursor')
export class IncidentIntakeCursorEntity {
  @PrimaryColumn('text')
  name!: string;

  @Column('bigint', { name: 'last_seq', default: 0 })
  lastSeq!: string;

  /** The mentions stored before the intake first ran end here; null until that first sweep. */
  @Column('bigint', { name: 'backlog_until_seq', nullable: true })
  backlogUntilSeq!: string | null;

  /** Backlog mentions seen (published, else fetched) before this are skipped, not turned into tickets. */
  @Column('timestamptz', { name: 'backlog_seen_before', nullable: true })
  backlogSeenBefore!: Date | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
