import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A published realtime event, kept for a while so reconnecting clients can catch up (see RealtimeService). */
@Entity('realtime_event')
@Index('realtime_event_created_idx', ['createdAt'])
// A GIN index TypeORM cannot describe; declared so the schema check leaves it alone.
@Index('realtime_event_rooms_idx', { synchronize: false })
export class RealtimeEventEntity {
  /** bigint: TypeORM hands it over as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'text', array: true })
  rooms!: string[];

  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
