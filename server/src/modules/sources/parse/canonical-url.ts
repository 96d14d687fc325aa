/** One spelling per article URL, so the same story reached through a tracking link is stored once. */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'gclsrc', 'dclid', 'msclkid', 'igshid', 'mc_cid', 'mc_eid']);

/** Resolves `href` against `base`; undefined unless the result is an http(s) URL. */
export function resolveHttpUrl(href: string | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  const trimmed = href.replace(/\s+/g, '');
  if (!trimmed) return undefined;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Drops utm_*, fbclid, gclid and similar, drops the fragment, lowercases the host, sorts the remaining params. */
export function canonicaliseUrl(href: string): string {
  const url = new URL(href);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams.entries()].filter(([key]) => {
    const lower = key.toLowerCase();
    // Facebook decorates post links with __cft__[0]=... and __tn__=... click trackers.
    return (
      !lower.startsWith('utm_') && !lower.startsWith('__cft__') && lower !== '__tn__' && !TRACKING_PARAMS.has(lower)
    );
  });
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  return url.href;
}
