import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule, AppOverrides } from './app.module';
import { AppConfig } from './config/app-config';
import { ApiExceptionFilter } from './common/errors/api-exception.filter';
import { observeHttp, REQUEST_ID_HEADER } from './common/http/http-observer';
import { createValidationPipe } from './common/http/validation.pipe';
import { Metrics } from './common/metrics/metrics';
import { JsonLogger } from './common/logging/json-logger';
import { RealtimeIoAdapter } from './modules/realtime';

/** Builds the HTTP application (without listening) so tests boot exactly what production boots. */
export async function createApp(
  config: AppConfig,
  logger: JsonLogger,
  overrides: AppOverrides = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, overrides), {
    logger,
    bufferLogs: false,
    abortOnError: false,
  });
  applyTrustProxy(app, config.env.MW_TRUST_PROXY);
  // First, so the request id, the access log and the latency cover guards, errors and the dashboard's files too.
  app.use(observeHttp(app.get(Metrics), logger));
  app.setGlobalPrefix('api');
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  const origins = config.env.MW_CORS_ORIGIN;
  app.enableCors({
    origin: origins.length > 0 ? origins : false,
    credentials: true,
    exposedHeaders: [REQUEST_ID_HEADER],
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Media Watch API')
      .setDescription('Media-incident monitor for the Gò Vấp education office')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  serveDashboard(app, config.env.MW_WEB_DIST);
  return app;
}

/**
 * Which reverse proxies may name the client in X-Forwarded-For (MW_TRUST_PROXY). It decides `req.ip`, the address
 * the per-IP login throttle counts and the audit log records; without it, behind a proxy every client is the proxy.
 */
export function applyTrustProxy(app: NestExpressApplication, setting: AppConfig['env']['MW_TRUST_PROXY']): void {
  app.set('trust proxy', setting);
}

/** Serves the built web app at / with a fallback to index.html for client-side routes. */
function serveDashboard(app: NestExpressApplication, webDist: string): void {
  if (!webDist) return;
  const root = path.resolve(webDist);
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) return;
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io')) return next();
    if (path.extname(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
