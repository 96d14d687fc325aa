import type { ApiErrorBody } from '@mw/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** Typed JSON fetch against the API; non-2xx answers become ApiError carrying the coded body. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; data: T }> {
  const res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  const data = (await res.json().catch(() => undefined)) as T | ApiErrorBody | undefined;
  if (!res.ok && res.status !== 503) throw new ApiError(res.status, data as ApiErrorBody | undefined);
  return { status: res.status, data: data as T };
}
