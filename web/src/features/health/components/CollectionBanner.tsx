import { Link } from 'react-router-dom';
import type { PipelineHealth } from '@mw/shared';
import { useI18n } from '../../../i18n/i18n';
import { useHealth } from '../hooks/useHealth';

/** The banner's sentence for a pipeline that collects nothing, or null while news comes in. */
export function collectionMessage(
  pipeline: PipelineHealth | null | undefined,
  t: ReturnType<typeof useI18n>['t'],
  formatDateTime: (value: string) => string,
): string | null {
  if (!pipeline || pipeline.collecting || !pipeline.problem) return null;
  switch (pipeline.problem) {
    case 'all_sources_failing':
      return t('collection.banner.allSourcesFailing', {
        failing: pipeline.sources.failing,
        enabled: pipeline.sources.enabled,
      });
    case 'nothing_stored':
      return pipeline.lastItemStoredAt
        ? t('collection.banner.nothingStoredSince', { time: formatDateTime(pipeline.lastItemStoredAt) })
        : t('collection.banner.nothingStoredEver');
    case 'no_sources':
      return t('collection.banner.noSources');
  }
}

/** Shown to office roles on every page while no news is being collected, with a way to the sources. */
export function CollectionBanner() {
  const { t, formatDateTime } = useI18n();
  const health = useHealth();
  const message = collectionMessage(health.data?.pipeline, t, formatDateTime);
  if (!message) return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="collection-banner">
      <span>{message}</span> <Link to="/sources">{t('collection.banner.link')}</Link>
    </div>
  );
}
