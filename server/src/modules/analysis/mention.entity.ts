import type { ItemCategory, MentionUnitView, SentimentLabel, Severity } from '@mw/shared';
import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { TimeOrderedIdColumn } from '../../common/database/time-ordered-id';
import { FeedItemEntity } from '../sources';
import { StoryEntity } from './story.entity';

/** One analysed feed item: the units it names (with why), its tone, topic, incident flag and story. */
@Entity('mention')
@Unique('mention_item_unique', ['itemId'])
@Check('mention_sentiment_score_check', 'sentiment_score >= -1 AND sentiment_score <= 1')
@Check('mention_sentiment_label_check', `sentiment_label IN ('negative', 'neutral', 'positive')`)
@Check('mention_severity_check', `severity IN ('S1', 'S2', 'S3', 'S4')`)
@Unique('mention_seq_unique', ['seq'])
@Index('mention_unit_codes_idx', { synchronize: false })
@Index('mention_seen_idx', { synchronize: false })
@Index('mention_recorded_idx', { synchronize: false })
@Index('mention_story_idx', { synchronize: false })
@Index('mention_incident_idx', { synchronize: false })
@Index('mention_search_idx', { synchronize: false })
@Index('mention_outlet_idx', { synchronize: false })
export class MentionEntity {
  @TimeOrderedIdColumn()
  id!: string;

  /** Commit order of mentions (inserted under the story lock): how clusterers catch up. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS' })
  @Generated('increment')
  seq!: string;

  @Column('uuid', { name: 'item_id' })
  itemId!: string;

  @ManyToOne(() => FeedItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'mention_item_id_fkey' })
  item?: FeedItemEntity;

  @Column('uuid', { name: 'source_id' })
  sourceId!: string;

  @Column('text')
  title!: string;

  @Column('text', { default: '' })
  summary!: string;

  @Column('text', { default: '' })
  url!: string;

  @Column('text')
  outlet!: string;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  /** Publication time, or fetch time when the feed gave none: the time stories and filters use. */
  @Column('timestamptz', { name: 'seen_at' })
  seenAt!: Date;

  @Column('jsonb', { default: () => "'[]'" })
  units!: MentionUnitView[];

  @Column('text', { name: 'unit_codes', array: true, default: () => "'{}'" })
  unitCodes!: string[];

  @Column('real', { name: 'sentiment_score' })
  sentimentScore!: number;

  @Column('text', { name: 'sentiment_label' })
  sentimentLabel!: SentimentLabel;

  @Column('text', { name: 'sentiment_terms', array: true, default: () => "'{}'" })
  sentimentTerms!: string[];

  @Column('text')
  category!: ItemCategory;

  @Column('boolean')
  incident!: boolean;

  @Column('text', { nullable: true })
  severity!: Severity | null;

  @Column('text', { name: 'severity_reasons', array: true, default: () => "'{}'" })
  severityReasons!: string[];

  @Column('uuid', { name: 'story_id' })
  storyId!: string;

  @ManyToOne(() => StoryEntity)
  @JoinColumn({ name: 'story_id', foreignKeyConstraintName: 'mention_story_id_fkey' })
  story?: StoryEntity;

  @Column('real', { name: 'reach_weight', default: 1 })
  reachWeight!: number;

  @Column('timestamptz', { name: 'analysed_at' })
  analysedAt!: Date;
}
