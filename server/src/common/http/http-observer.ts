/**
 * What every HTTP request leaves behind, registered first in bootstrap.ts so it covers the whole request (guards,
 * errors and the dashboard's files included):
 * - a request id: a valid incoming `X-Request-Id` (1–64 of `A-Za-z0-9._:-`) or a new UUID, echoed in the response's
 *   `X-Request-Id` and carried through the request's async work, so every log line written for it names it;
 * - one access log line: method, route pattern, status, duration in ms, request id and the signed-in person's id.
 *   Never the raw URL (query strings carry links' tokens), headers, tokens or bodies;
 * - its latency in the `mw_http_request_duration_seconds` histogram, labelled by the route's pattern
 *   (`/api/incidents/:id`), never the raw URL, so ids and query strings cannot multiply the series.
 */
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth-user';
import type { JsonLogger } from '../logging/json-logger';
import { requestIdFrom, runInRequest } from '../logging/request-context';
import { Metrics } from '../metrics/metrics';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Requests that matched no route: API paths that do not exist, and the dashboard's files. */
export const UNMATCHED_API_ROUTE = 'unmatched';
export const DASHBOARD_ROUTE = 'dashboard';

/** The pattern of the route that handled the request (Express sets `req.route` on a match). */
export function routeTemplate(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  // Nest answers unknown API paths from a catch-all route (`/api*path`): those are unmatched, as no route of ours has
  // a wildcard.
  if (route && typeof route.path === 'string' && !route.path.includes('*')) return `${req.baseUrl ?? ''}${route.path}`;
  return (req.originalUrl ?? req.url).startsWith('/api') ? UNMATCHED_API_ROUTE : DASHBOARD_ROUTE;
}

export function observeHttp(metrics: Metrics, logger: JsonLogger) {
  const duration = metrics.histogram<'method' | 'route' | 'status'>({
    name: 'mw_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its response on this instance, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(req);
      duration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const userId = (req as AuthenticatedRequest).user?.id;
      logger.event('info', 'http request', {
        context: 'http',
        method: req.method,
        route,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
        requestId,
        ...(userId ? { userId } : {}),
      });
    });
    runInRequest({ requestId }, next);
  };
}
