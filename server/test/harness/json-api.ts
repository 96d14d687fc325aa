/**
 * A JSON client for the running test app: one request helper per spec, with the headers it signs in with by default
 * (read per request, since tokens expire by an injected clock that tests move), and the sources routes that several
 * specs call the same way.
 */
import type { SourceDto } from '@mw/shared';

export interface Reply<T> {
  status: number;
  body: T;
}

export type JsonApi = <T>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Reply<T>>;

export function jsonApi(baseUrl: () => string, defaultHeaders: () => Record<string, string>): JsonApi {
  return async <T>(method: string, path: string, body?: unknown, headers = defaultHeaders()): Promise<Reply<T>> => {
    const res = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}

/** POST /sources expecting 201, and GET /sources/:id expecting 200. */
export function sourcesApi(api: JsonApi): {
  createSource: (body: Record<string, unknown>) => Promise<SourceDto>;
  sourceById: (id: string) => Promise<SourceDto>;
} {
  return {
    async createSource(body) {
      const res = await api<SourceDto>('POST', '/sources', body);
      expect(res.status).toBe(201);
      return res.body;
    },
    async sourceById(id) {
      const res = await api<SourceDto>('GET', `/sources/${id}`);
      expect(res.status).toBe(200);
      return res.body;
    },
  };
}
