/**
 * What every HTTP request leaves behind: its latency in the `mw_http_request_duration_seconds` histogram, labelled by
 * the route's pattern (`/api/incidents/:id`), never the raw URL, so ids and query strings cannot multiply the series.
 * Registered first in bootstrap.ts, so it times the whole request, guards and errors included.
 */
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from '../metrics/metrics';

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

export function observeHttp(metrics: Metrics) {
  const duration = metrics.histogram<'method' | 'route' | 'status'>({
    name: 'mw_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its response on this instance, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method: req.method, route: routeTemplate(req), status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
