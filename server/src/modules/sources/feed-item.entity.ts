import { Column, Entity } from 'typeorm';
import { TimeOrderedIdColumn } from '../../common/database/time-ordered-id';

export type AnalysisState = 'pending' | 'done' | 'failed';

/** One item read from a source, kept with the evidence of what was read and when. */
@Entity('feed_item')
export class FeedItemEntity {
  @TimeOrderedIdColumn()
  id!: string;

  @Column('uuid', { name: 'source_id' })
  sourceId!: string;

  /** The guid, or the canonical URL when the feed gives none: unique per source. */
  @Column('text', { name: 'dedup_key' })
  dedupKey!: string;

  @Column('text', { nullable: true })
  guid!: string | null;

  @Column('text', { name: 'canonical_url' })
  canonicalUrl!: string;

  @Column('text')
  url!: string;

  @Column('text')
  title!: string;

  @Column('text', { default: '' })
  summary!: string;

  @Column('text', { name: 'content_text', nullable: true })
  contentText!: string | null;

  /** Why the article page could not be read, when it could not; the item keeps its summary. */
  @Column('text', { name: 'content_error', nullable: true })
  contentError!: string | null;

  @Column('text')
  outlet!: string;

  @Column('text', { nullable: true })
  author!: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Column('timestamptz', { name: 'fetched_at' })
  fetchedAt!: Date;

  @Column('integer', { name: 'http_status', nullable: true })
  httpStatus!: number | null;

  @Column('text', { name: 'content_hash' })
  contentHash!: string;

  @Column('text', { name: 'analysis_state', default: 'pending' })
  analysisState!: AnalysisState;

  @Column('timestamptz', { name: 'analysed_at', nullable: true })
  analysedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
