import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Positive coverage of units, waiting to be shared or proposed for commendation. */
@Entity('good_news')
@Unique('good_news_mention_id_key', ['mentionId'])
@Check('good_news_status_check', `status IN ('new', 'shared', 'proposed', 'archived')`)
@Index('good_news_unit_codes_idx', { synchronize: false })
@Index('good_news_recorded_idx', { synchronize: false })
export class GoodNewsEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'mention_id' })
  mentionId!: string;

  /** The mention's story, so the weekly report counts one item per (story, outlet) article. */
  @Column('uuid', { name: 'story_id', nullable: true })
  storyId!: string | null;

  @Column('text', { name: 'unit_codes', array: true })
  unitCodes!: string[];

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  url!: string | null;

  @Column('text')
  outlet!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('real', { nullable: true })
  sentiment!: number | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column('text', { default: 'new' })
  status!: string;

  @Column('uuid', { name: 'acted_by', nullable: true })
  actedBy!: string | null;

  @Column('timestamptz', { name: 'acted_at', nullable: true })
  actedAt!: Date | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  /** When the analysis stage recorded its mention: what places the item in a report's period. */
  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
