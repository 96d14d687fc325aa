/**
 * After a redeploy, a tab opened on the previous build asks for page chunks that no longer exist and the dynamic
 * import fails. Loading the page again fetches the new build, so that is done once by itself; a reload remembered in
 * sessionStorage stops a loop when the chunks are missing for another reason (server down, broken deploy).
 */
const CHUNK_LOAD_FAILURE =
  /dynamically imported module|importing a module script failed|unable to preload css|loading (css )?chunk [\w-]+ failed/i;

export const CHUNK_RELOAD_KEY = 'mw.chunkReloadAt';
/** No second automatic reload within this long of the first. */
export const CHUNK_RELOAD_GUARD_MS = 60_000;

/** Whether the error is a failed dynamic import (Chromium, Firefox and Safari word it differently). */
export function isChunkLoadError(error: unknown): boolean {
  if (error instanceof Error) return error.name === 'ChunkLoadError' || CHUNK_LOAD_FAILURE.test(error.message);
  return typeof error === 'string' && CHUNK_LOAD_FAILURE.test(error);
}

export interface ChunkReloadDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  reload: () => void;
  now: () => number;
}

/** Reloads the page for a chunk-load failure unless it did so moments ago; true when it reloaded. */
export function reloadOnceForChunkError(error: unknown, deps: ChunkReloadDeps): boolean {
  if (!isChunkLoadError(error)) return false;
  try {
    const last = Number(deps.storage.getItem(CHUNK_RELOAD_KEY));
    if (Number.isFinite(last) && last > 0 && deps.now() - last < CHUNK_RELOAD_GUARD_MS) return false;
    deps.storage.setItem(CHUNK_RELOAD_KEY, String(deps.now()));
  } catch {
    // No sessionStorage (privacy settings): without a guard, no automatic reload either.
    return false;
  }
  deps.reload();
  return true;
}
