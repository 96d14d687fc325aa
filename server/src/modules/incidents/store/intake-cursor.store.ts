/**
 * The `incident_intake_cursor` row: how far the intake has read the mention sequence, and the first sweep's backlog.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockDue } from '../../../common/database/row-lease';

export interface CursorRow {
  last_seq: string;
  backlog_until_seq: string | null;
  backlog_seen_before: Date | null;
}

@Injectable()
export class IntakeCursorStore {
  /** The cursor, locked for this sweep; null while another instance's sweep holds it. */
  async claim(m: EntityManager): Promise<CursorRow | null> {
    const cursor = await lockDue<CursorRow>(m, {
      from: 'incident_intake_cursor',
      columns: 'last_seq::text AS last_seq, backlog_until_seq::text AS backlog_until_seq, backlog_seen_before',
      where: `name = 'mentions'`,
    });
    return cursor[0] ?? null;
  }

  async advance(m: EntityManager, lastSeq: string): Promise<void> {
    await m.query(
      `UPDATE incident_intake_cursor SET last_seq = $1::bigint, updated_at = now() WHERE name = 'mentions'`,
      [lastSeq],
    );
  }

  async fixBacklog(m: EntityManager, untilSeq: string, seenBefore: Date | null): Promise<void> {
    await m.query(
      `UPDATE incident_intake_cursor SET backlog_until_seq = $1::bigint, backlog_seen_before = $2 WHERE name = 'mentions'`,
      [untilSeq, seenBefore],
    );
  }
}
