import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far the intake has read the mentions, by their commit-ordered `seq`. */
@Entity('incident_intake_cursor')
export class IncidentIntakeCursorEntity {
  @PrimaryColumn('text')
  name!: string;

  @Column('bigint', { name: 'last_seq', default: 0 })
  lastSeq!: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
