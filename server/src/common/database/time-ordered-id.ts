import { PrimaryColumn } from 'typeorm';

/**
 * The primary key of a table written by the hundred thousand: a UUIDv7 from PostgreSQL's `mw_uuidv7()` (migration
 * TimeOrderedIds1796600000001), so new rows land at the right edge of its indexes instead of on random pages.
 */
export function TimeOrderedIdColumn(): PropertyDecorator {
  return PrimaryColumn({ type: 'uuid', default: () => 'mw_uuidv7()' });
}
