import { Check, Column, CreateDateColumn, Entity, Index, Unique } from 'typeorm';
import { TimeOrderedIdColumn } from '../../common/database/time-ordered-id';

/** The same event told by one or more outlets; mentions point at it. `key` is the id of its first item. */
@Entity('story')
@Unique('story_key_unique', ['key'])
@Check('story_mention_count_check', 'mention_count >= 0')
@Index('story_last_seen_idx', { synchronize: false })
@Index('story_unit_codes_idx', { synchronize: false })
export class StoryEntity {
  @TimeOrderedIdColumn()
  id!: string;

  @Column('text')
  key!: string;

  @Column('text')
  title!: string;

  @Column('text', { name: 'first_outlet', nullable: true })
  firstOutlet!: string | null;

  @Column('timestamptz', { name: 'first_seen_at' })
  firstSeenAt!: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt!: Date;

  @Column('integer', { name: 'mention_count', default: 0 })
  mentionCount!: number;

  @Column('text', { array: true, default: () => "'{}'" })
  outlets!: string[];

  @Column('text', { name: 'unit_codes', array: true, default: () => "'{}'" })
  unitCodes!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
