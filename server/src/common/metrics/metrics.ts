/**
 * Prometheus metrics of this application instance (prom-client), served by GET /api/metrics (health module).
 *
 * One registry per application, not prom-client's global one: tests boot several apps in one process and each must
 * count only its own work. Each module registers the metrics of what it owns through this provider (sources: items
 * stored and polls; analysis: items analysed; realtime: socket clients; health: the gauges read from the database at
 * scrape) and `common/http/request-context.ts` the HTTP latency. Counters and the socket gauge are per instance, so
 * a scraper sums them over instances; the database gauges describe the whole installation and are the same on every
 * instance (their help text says so).
 */
import { Global, Injectable, Module } from '@nestjs/common';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/** Prefix of every metric name. */
export const METRIC_PREFIX = 'mw_';

@Injectable()
export class Metrics {
  readonly registry = new Registry();

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.existing(config.name) ?? new Counter<L>({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.existing(config.name) ?? new Gauge<L>({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.existing(config.name) ?? new Histogram<L>({ ...config, registers: [this.registry] });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** A metric registered before under this name (a provider built twice registers nothing twice). */
  private existing<T>(name: string): T | undefined {
    return this.registry.getSingleMetric(name) as T | undefined;
  }
}

@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
