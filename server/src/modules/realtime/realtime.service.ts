/**
 * Publishing realtime events. Each event is first written to `realtime_event` (its bigserial id is the envelope id),
 * then broadcast to its rooms through socket.io, whose PostgreSQL adapter relays it to the clients of every other
 * instance. A client that reconnects with `lastEventId` is sent the stored events of its rooms after that id.
 *
 * publish() returns at once (callers are domain services; a realtime hiccup must not fail their work); the writes
 * run one after another, so one instance's events keep their order. A failed write is logged and the event is
 * still broadcast live without an id-based replay. Ids come from a sequence and are assigned before commit, so a
 * replay can in rare races miss an event committed just after a later one; clients also refetch on reconnect.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { RealtimeEnvelope, RealtimeEvent, RealtimePayloads } from '@mw/shared';
import type { Server } from 'socket.io';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';

/** Replay at most this many events per reconnect; a client further behind refetches everything anyway. */
export const REPLAY_LIMIT = 500;

interface EventRow {
  id: string;
  event: RealtimeEvent;
  payload: RealtimePayloads[RealtimeEvent];
  created_at: Date;
}

@Injectable()
export class RealtimeService {
  private readonly logger = new Logger('realtime');
  private server: Server | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Called by the gateway once socket.io is up; before that (or in the CLI) events are only stored. */
  attach(server: Server | null): void {
    this.server = server;
  }

  publish<E extends RealtimeEvent>(rooms: string[], event: E, payload: RealtimePayloads[E]): void {
    this.publishMany([{ rooms, event, payload } as Publication]);
  }

  /** Several events in this order, stored in one statement (a batch of mentions is announced at once). */
  publishMany(events: readonly Publication[]): void {
    const wanted = events
      .map((e): Publication => ({ ...e, rooms: [...new Set(e.rooms.filter((r) => r.length > 0))] }))
      .filter((e) => e.rooms.length > 0);
    if (wanted.length === 0) return;
    this.queue = this.queue.then(() => this.store(wanted));
  }

  /** Resolves once every event published so far is stored and handed to socket.io (tests, shutdown). */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Stored events of the given rooms after `afterId`, oldest first. */
  async eventsSince(afterId: string, rooms: string[], limit = REPLAY_LIMIT): Promise<RealtimeEnvelope[]> {
    if (!/^\d{1,18}$/.test(afterId) || rooms.length === 0) return [];
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT id, event, payload, created_at FROM realtime_event
       WHERE id > $1::bigint AND rooms && $2::text[] ORDER BY id LIMIT $3`,
      [afterId, rooms, limit],
    );
    return rows.map((r) => ({ id: String(r.id), event: r.event, at: r.created_at.toISOString(), data: r.payload }));
  }

  /** Drops stored events older than the replay window. */
  async prune(olderThanMs: number): Promise<number> {
    const before = new Date(this.clock.now().getTime() - olderThanMs);
    // TypeORM answers a DELETE with [rows, count].
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM realtime_event WHERE created_at < $1`,
      [before],
    );
    return result[1];
  }

  private async store(events: Publication[]): Promise<void> {
    const now = this.clock.now();
    let ids: (string | null)[];
    try {
      const rows: { id: string }[] = await this.dataSource.query(
        `INSERT INTO realtime_event (rooms, event, payload, created_at)
         SELECT e.rooms, e.event, e.payload, $2 FROM jsonb_to_recordset($1::jsonb) AS e(ord int, rooms text[],
                event text, payload jsonb)
         ORDER BY e.ord
         RETURNING id`,
        [JSON.stringify(events.map((e, ord) => ({ ord, rooms: e.rooms, event: e.event, payload: e.payload }))), now],
      );
      // Ids are drawn in the insert's order, which is the events' order.
      ids = rows.map((r) => String(r.id)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    } catch (error) {
      this.logger.warn({
        msg: 'realtime events not stored; broadcasting without replay',
        events: events.length,
        error: String(error),
      });
      ids = events.map(() => null);
    }
    for (const [i, { rooms, event, payload }] of events.entries()) {
      const envelope: RealtimeEnvelope = { id: ids[i] ?? '0', event, at: now.toISOString(), data: payload };
      try {
        this.server?.to(rooms).emit(event, envelope);
      } catch (error) {
        this.logger.warn({ msg: 'realtime broadcast failed', event, error: String(error) });
      }
    }
  }
}

/** One event to publish: the rooms it goes to, its name and payload. */
export type Publication = {
  [E in RealtimeEvent]: { rooms: string[]; event: E; payload: RealtimePayloads[E] };
}[RealtimeEvent];
