import { Injectable } from '@nestjs/common';
import type { HealthResponse, PipelineHealth } from '@mw/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { NotificationsQuery } from '../notifications';
import { CollectionHealthService } from '../sources';

const VERSION = '0.1.0';
/**
 * The pipeline figures are read at most this often per instance: load balancers, every open dashboard and the
 * monitor ask for them, and a few seconds of staleness change nothing.
 */
export const PIPELINE_CACHE_MS = 5_000;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();
  private cached: { at: number; value: Promise<PipelineHealth> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly collection: CollectionHealthService,
    private readonly notifications: NotificationsQuery,
  ) {}

  async check(): Promise<HealthResponse> {
    const db = (await this.databaseUp()) ? 'up' : 'down';
    return {
      status: db === 'up' ? 'ok' : 'degraded',
      db,
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      time: new Date().toISOString(),
      pipeline: db === 'up' ? await this.pipeline().catch(() => null) : null,
    };
  }

  /** Sources, analysis backlog and notification backlog, each read by the module that owns them. */
  pipeline(fresh = false): Promise<PipelineHealth> {
    const now = this.clock.now().getTime();
    if (!fresh && this.cached && now - this.cached.at >= 0 && now - this.cached.at < PIPELINE_CACHE_MS) {
      return this.cached.value;
    }
    const value = Promise.all([this.collection.read(), this.notifications.deliveryBacklog()]).then(
      ([collection, notifications]) => ({ ...collection, notifications }),
    );
    this.cached = { at: now, value };
    value.catch(() => {
      if (this.cached?.value === value) this.cached = null;
    });
    return value;
  }

  private async databaseUp(): Promise<boolean> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 3000);
      return true;
    } catch {
      return false;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
