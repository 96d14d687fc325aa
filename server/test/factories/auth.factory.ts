import type { INestApplicationContext } from '@nestjs/common';
import { AuthService } from '../../src/modules/organisation/auth/auth.service';

/** A valid access token for a person, without going through login (and its throttling). */
export function tokenFor(app: INestApplicationContext, personId: string): string {
  return app.get(AuthService, { strict: false }).issueAccessToken(personId);
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** One JSON request to the test app; the body is parsed when there is one. */
export async function call<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(`${baseUrl}/api/${path.replace(/^\/+/, '')}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? bearer(options.token) : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
