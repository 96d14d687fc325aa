/**
 * The stored items waiting for analysis, as the sources module (the owner of `feed_item`) hands them out: the
 * analysis stage claims a batch in its own transaction (locked, skipping rows another instance holds) and marks
 * each item done or failed in that same transaction, so an item is analysed once and a crash leaves it pending.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../../common/database/returned-rows';
import { lockDue } from '../../common/database/row-lease';

/** A pending item with what analysis needs of its source. */
export interface PendingItem {
  id: string;
  source_id: string;
  title: string;
  summary: string;
  content_text: string | null;
  url: string;
  outlet: string;
  published_at: Date | null;
  fetched_at: Date;
  reach_weight: number;
  unit_code: string | null;
}

@Injectable()
export class PendingItems {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `size` pending items in storage order (or the one named), locked for the caller's transaction. */
  async claim(m: EntityManager, size: number, onlyId?: string): Promise<PendingItem[]> {
    return lockDue<PendingItem>(m, {
      from: 'feed_item fi JOIN source s ON s.id = fi.source_id',
      columns: `fi.id, fi.source_id, fi.title, fi.summary, fi.content_text, fi.url, fi.outlet, fi.published_at,
              fi.fetched_at, s.reach_weight, s.unit_code`,
      where: `fi.analysis_state = 'pending'${onlyId ? ' AND fi.id = $1' : ''}`,
      orderBy: 'fi.created_at',
      limit: size,
      of: 'fi',
      params: onlyId ? [onlyId] : [],
    });
  }

  /** Records the outcome of analysing claimed items, in the caller's transaction. */
  async markAnalysed(m: EntityManager, ids: string[], state: 'done' | 'failed', at: Date): Promise<void> {
    if (ids.length === 0) return;
    await m.query(`UPDATE feed_item SET analysis_state = $3, analysed_at = $2 WHERE id = ANY($1::uuid[])`, [
      ids,
      at,
      state,
    ]);
  }

  /**
   * Marks one item failed outside any batch (its batch rolled back), unless another run has settled it meanwhile;
   * true when this call marked it.
   */
  async markFailedIfPending(id: string, at: Date): Promise<boolean> {
    const marked = returnedRows(
      await this.dataSource.query(
        `UPDATE feed_item SET analysis_state = 'failed', analysed_at = $2
         WHERE id = $1 AND analysis_state = 'pending' RETURNING id`,
        [id, at],
      ),
    );
    return marked.length > 0;
  }
}
