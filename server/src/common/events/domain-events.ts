import { Global, Injectable, Logger, Module, NotFoundException } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Typed in-process domain events: how one module reacts to another without reaching into its tables.
 * Events are wake-up calls, not the record: every consumer also finds its pending work in PostgreSQL
 * (e.g. items not yet analysed), so a crash between emit and handling loses nothing.
 * Modules add their events to this map.
 */
export interface DomainEventMap {
  /** A feed item was stored for the first time. */
  'item.stored': { itemId: string; sourceId: string };
  /** A source's last poll went from success to failure or back. */
  'source.health_changed': { sourceId: string; ok: boolean };
  /** A source was added, or changed (enabled, disabled, moved): what is collected may have changed. */
  'source.registry_changed': { sourceId: string };
  /** A feed item was analysed and stored as a mention (once per item); `incident` is the proposed flag. */
  'mention.stored': { mentionId: string; storyId: string; incident: boolean; unitCodes: string[] };
  /**
   * What a person may do, or whether a session of theirs is valid, changed: signed out, password changed or reset,
   * deactivated, a role assigned or renounced. Raised after commit; the realtime gateway checks that person's sockets
   * again on every instance.
   */
  'person.access_changed': { personId: string };
}

export type DomainEventName = keyof DomainEventMap;

@Injectable()
export class DomainEventBus {
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger('events');

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  /**
   * Handlers run asynchronously; a failing handler is logged and does not affect the emitter or others. An event is
   * a wake-up call that may arrive after what it names is gone (deleted, merged away, or never there): a handler that
   * answers NotFoundException has nothing to do, which is a warning with the reason, not an error.
   */
  on<K extends DomainEventName>(name: K, handler: (payload: DomainEventMap[K]) => Promise<void> | void): () => void {
    const wrapped = (payload: DomainEventMap[K]) => {
      setImmediate(() => {
        Promise.resolve()
          .then(() => handler(payload))
          .catch((err: unknown) => {
            if (err instanceof NotFoundException) {
              this.logger.warn({
                msg: `handler for ${name} skipped: what the event names no longer exists`,
                reason: err.message,
                payload,
              });
            } else {
              this.logger.error(`handler for ${name} failed: ${String(err)}`);
            }
          });
      });
    };
    this.emitter.on(name, wrapped);
    return () => this.emitter.off(name, wrapped);
  }
}

@Global()
@Module({ providers: [DomainEventBus], exports: [DomainEventBus] })
export class DomainEventsModule {}
