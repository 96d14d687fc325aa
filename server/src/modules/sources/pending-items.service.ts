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

  /**
   * Up to `size` pending items in storage order (or the one named), locked for the caller's transaction.
   *
   * The ids are claimed first, from feed_item alone, reading the partial index of pending items in its order and
   * stopping after `size` unlocked rows; the columns and the source's are read for those ids after. One statement
   * joining source let the planner hash-join every pending row and sort them all: while a bulk load outruns
   * autovacuum's statistics (the year's replay) it expects a hundred pending rows and gets 20,000, and each claim
   * took 35-50 ms instead of 2-3 ms. Bitmap scans are off for the claim alone for the same reason: they lose the
   * index's order, so a sort of every pending row follows.
   */
  async claim(m: EntityManager, size: number, onlyId?: string): Promise<PendingItem[]> {
    const [previous] = (await m.query(
      `SELECT current_setting('enable_bitmapscan') AS was, set_config('enable_bitmapscan', 'off', true)`,
    )) as { was: string }[];
    const claimed = await lockDue<{ id: string }>(m, {
      from: 'feed_item',
      columns: 'id',
      where: `analysis_state = 'pending'${onlyId ? ' AND id = $1' : ''}`,
      orderBy: 'created_at',
      limit: size,
      params: onlyId ? [onlyId] : [],
    });
    // Back as it was for the rest of the transaction (a failed claim ends it, and the setting with it).
    await m.query(`SELECT set_config('enable_bitmapscan', $1, true)`, [previous?.was ?? 'on']);
    if (claimed.length === 0) return [];
    return m.query(
      `SELECT fi.id, fi.source_id, fi.title, fi.summary, fi.content_text, fi.url, fi.outlet, fi.published_at,
              fi.fetched_at, s.reach_weight, s.unit_code
       FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)
       JOIN feed_item fi ON fi.id = c.id JOIN source s ON s.id = fi.source_id
       ORDER BY c.n`,
      [claimed.map((r) => r.id)],
    );
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
