import { useEffect, useState } from 'react';
import type { HealthResponse } from '@mw/shared';
import { fetchHealth } from '../api/health.api';

export type HealthState = { kind: 'loading' } | { kind: 'ok'; health: HealthResponse } | { kind: 'unreachable' };

/** Polls /api/health every 15 s. */
export function useHealth(intervalMs = 15_000): HealthState {
  const [state, setState] = useState<HealthState>({ kind: 'loading' });
  useEffect(() => {
    let alive = true;
    const load = () =>
      fetchHealth().then(
        (health) => alive && setState({ kind: 'ok', health }),
        () => alive && setState({ kind: 'unreachable' }),
      );
    void load();
    const timer = setInterval(load, intervalMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return state;
}
