import { useSyncExternalStore } from 'react';

/** One clock for every relative time and countdown on the page, ticking every 30 seconds. */
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Milliseconds since the epoch, refreshed every 30 seconds while something on the page shows a relative time. */
export function useNow(): number {
  // The same reading serves a render outside the browser (a static render in tests).
  return useSyncExternalStore(subscribe, readNow, readNow);
}

function readNow(): number {
  return now;
}
