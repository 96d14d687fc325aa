/** Reads Retry-After as delta-seconds or an HTTP date; returns undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return new Date(Math.max(at, now.getTime()));
}
