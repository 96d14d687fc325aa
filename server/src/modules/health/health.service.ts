import { Injectable } from '@nestjs/common';
import { HealthResponse } from '@mw/shared';
import { DataSource } from 'typeorm';

const VERSION = '0.1.0';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<HealthResponse> {
    const db = (await this.databaseUp()) ? 'up' : 'down';
    return {
      status: db === 'up' ? 'ok' : 'degraded',
      db,
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      time: new Date().toISOString(),
    };
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
