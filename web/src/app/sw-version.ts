/**
 * The service worker's cache is named after the build: public/sw.js names it `mw-shell-__MW_BUILD__`, and the build
 * (vite.config.ts) writes dist/sw.js with an id drawn from the hashed names of the files it emitted. A new build
 * therefore changes sw.js's bytes (so browsers install the new worker) and its cache name (so the new worker's
 * `activate` drops the old shell, and a deploy never serves yesterday's page from the cache).
 */
export const SW_BUILD_PLACEHOLDER = '__MW_BUILD__';

/** A short, stable id of a build from the names of its files (Vite puts a content hash in each name). */
export function buildId(fileNames: readonly string[]): string {
  // FNV-1a, twice with different seeds: no Node or browser crypto needed, 16 hex digits.
  const text = [...fileNames].sort().join('\n');
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 0x9e3779b1) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** sw.js as built: every placeholder replaced by the build's id; refuses a worker without one. */
export function versionServiceWorker(source: string, id: string): string {
  if (!source.includes(SW_BUILD_PLACEHOLDER)) {
    throw new Error(`sw.js has no ${SW_BUILD_PLACEHOLDER}: its cache would outlive the build`);
  }
  return source.split(SW_BUILD_PLACEHOLDER).join(id);
}
