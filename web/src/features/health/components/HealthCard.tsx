import { useI18n } from '../../../i18n/i18n';
import { useHealth } from '../hooks/useHealth';

export function HealthCard() {
  const { t, formatDateTime } = useI18n();
  const state = useHealth();
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">{t('health.title')}</h2>
      {state.kind === 'loading' && <p>{t('health.loading')}</p>}
      {state.kind === 'unreachable' && <p className="status status-down">{t('health.unreachable')}</p>}
      {state.kind === 'ok' && (
        <dl>
          <dt>{t('health.server')}</dt>
          <dd className="status status-up" data-testid="health-server">
            {t('health.up')}
          </dd>
          <dt>{t('health.database')}</dt>
          <dd className={`status status-${state.health.db}`} data-testid="health-db">
            {t(state.health.db === 'up' ? 'health.up' : 'health.down')}
          </dd>
          <dd className="muted">{t('health.checkedAt', { time: formatDateTime(state.health.time) })}</dd>
        </dl>
      )}
    </section>
  );
}
