import type { Provider } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { createSafeFetcher, type SafeFetcher } from './fetch/safe-fetcher';

/** Injection token of the one SafeFetcher of this instance: its per-host limits and Retry-After memory are shared. */
export const SOURCE_FETCHER = Symbol('SOURCE_FETCHER');

export function safeFetcherFromConfig(config: AppConfig, now: () => Date): SafeFetcher {
  const env = config.env;
  return createSafeFetcher({
    connectTimeoutMs: env.MW_FETCH_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: env.MW_FETCH_TOTAL_TIMEOUT_MS,
    maxBodyBytes: env.MW_FETCH_MAX_BODY_BYTES,
    maxRedirects: env.MW_FETCH_MAX_REDIRECTS,
    maxPerHost: env.MW_FETCH_MAX_PER_HOST,
    allowPrivateHosts: env.MW_ALLOW_PRIVATE_HOSTS,
    now,
  });
}

export const sourceFetcherProvider: Provider = {
  provide: SOURCE_FETCHER,
  inject: [AppConfig, Clock],
  useFactory: (config: AppConfig, clock: Clock): SafeFetcher => safeFetcherFromConfig(config, () => clock.now()),
};
