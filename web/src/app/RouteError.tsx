import { useEffect } from 'react';
import { useRouteError } from 'react-router-dom';
import { useI18n } from '../i18n/i18n';
import { isChunkLoadError, reloadOnceForChunkError } from './chunk-reload';

/**
 * What a route shows when its page fails to load or render, in place of React Router's English default. Set on the
 * Shell's child routes, so the navigation stays and the person can go elsewhere or reload.
 */
export function RouteError() {
  const error = useRouteError();
  useEffect(() => {
    reloadOnceForChunkError(error, {
      storage: sessionStorage,
      reload: () => window.location.reload(),
      now: () => Date.now(),
    });
  }, [error]);
  return <RouteErrorView error={error} onReload={() => window.location.reload()} />;
}

export function RouteErrorView({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useI18n();
  const updated = isChunkLoadError(error);
  return (
    <section className="card" role="alert">
      <h2>{t(updated ? 'error.appUpdated' : 'error.pageFailed')}</h2>
      <p>{t(updated ? 'error.appUpdatedHint' : 'error.pageFailedHint')}</p>
      <button type="button" onClick={onReload}>
        {t('error.reload')}
      </button>
    </section>
  );
}
