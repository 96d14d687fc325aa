import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import { AppConfig } from '../../config/app-config';

/**
 * socket.io on the HTTP server, with CORS as configured and the PostgreSQL adapter on the application's database:
 * a broadcast on one instance reaches the clients of every instance (LISTEN/NOTIFY, large payloads through the
 * `socket_io_attachments` table). The adapter gets a small pool of its own; it holds one connection for LISTEN.
 */
/** Nest bundles its own copy of socket.io; its types, not the workspace's, describe the servers it creates. */
type NestIoServer = ReturnType<IoAdapter['createIOServer']>;
type NestIoOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;
type NestIoAdapterFactory = Parameters<NestIoServer['adapter']>[0];

export class RealtimeIoAdapter extends IoAdapter {
  private pool: Pool | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: NestIoOptions): NestIoServer {
    const origins = this.config.env.MW_CORS_ORIGIN;
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: origins.length > 0 ? origins : false, credentials: true },
    } as NestIoOptions);
    this.pool = new Pool({
      connectionString: this.config.databaseUrl,
      max: 3,
      application_name: 'media-watch-socket.io',
      connectionTimeoutMillis: 3000,
    });
    this.pool.on('error', () => undefined);
    // The adapter keeps one pooled client checked out for LISTEN without an 'error' listener; a database
    // restart would then crash the process. Every client the pool creates gets one (the adapter reconnects on 'end').
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    server.adapter(createAdapter(this.pool, { errorHandler: () => undefined }) as unknown as NestIoAdapterFactory);
    return server;
  }

  override async close(server: NestIoServer): Promise<void> {
    await super.close(server);
    const pool = this.pool;
    this.pool = null;
    await pool?.end().catch(() => undefined);
  }
}
