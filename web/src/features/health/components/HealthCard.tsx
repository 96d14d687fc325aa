import { DateTime } from '../../../components/ui/DateTime';
import { useI18n } from '../../../i18n/i18n';
import { useHealth } from '../hooks/useHealth';

/** Server, database and the news pipeline, as GET /api/health reports them. */
export function HealthCard() {
  const { t, formatDateTime } = useI18n();
  const health = useHealth(15_000);
  const pipeline = health.data?.pipeline;
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">{t('health.title')}</h2>
      {health.isPending && <p>{t('health.loading')}</p>}
      {health.isError && <p className="status status-down">{t('health.unreachable')}</p>}
      {health.data && (
        <dl>
          <dt>{t('health.server')}</dt>
          <dd className="status status-up" data-testid="health-server">
            {t('health.up')}
          </dd>
          <dt>{t('health.database')}</dt>
          <dd className={`status status-${health.data.db}`} data-testid="health-db">
            {t(health.data.db === 'up' ? 'health.up' : 'health.down')}
          </dd>
          {pipeline && (
            <>
              <dt>{t('health.collection')}</dt>
              <dd className={`status status-${pipeline.collecting ? 'up' : 'down'}`} data-testid="health-collection">
                {pipeline.problem ? t(`collection.problem.${pipeline.problem}`) : t('health.collecting')}
              </dd>
              <dt>{t('health.sources')}</dt>
              <dd data-testid="health-sources">{t('health.sourcesValue', { ...pipeline.sources })}</dd>
              <dt>{t('health.lastItem')}</dt>
              <dd>{pipeline.lastItemStoredAt ? <DateTime value={pipeline.lastItemStoredAt} /> : t('health.never')}</dd>
              <dt>{t('health.awaitingAnalysis')}</dt>
              <dd data-testid="health-awaiting">{pipeline.itemsAwaitingAnalysis}</dd>
              <dt>{t('health.notificationsDue')}</dt>
              <dd>{pipeline.notifications.due}</dd>
              <dt>{t('health.notificationsDead')}</dt>
              <dd className={pipeline.notifications.dead > 0 ? 'error' : undefined}>{pipeline.notifications.dead}</dd>
            </>
          )}
          <dd className="muted">{t('health.checkedAt', { time: formatDateTime(health.data.time) })}</dd>
        </dl>
      )}
    </section>
  );
}
