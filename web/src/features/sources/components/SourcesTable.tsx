import type { SourceDto } from '@mw/shared';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { useI18n } from '../../../i18n/i18n';
import { usePollSource, useUpdateSource } from '../hooks/useSources';
import { sourceErrorText, sourcesNeedingCareFirst } from '../source-error';

export function SourcesTable({ sources, canManage }: { sources: SourceDto[]; canManage: boolean }) {
  const { t } = useI18n();
  const update = useUpdateSource();
  const poll = usePollSource();
  if (sources.length === 0) return <p className="muted">{t('sources.empty')}</p>;
  return (
    <>
      {update.isError && <ErrorMessage error={update.error} />}
      {poll.isError && <ErrorMessage error={poll.error} />}
      {poll.data && (
        <p role="status" className={poll.data.ok ? 'status-up' : 'error'}>
          {poll.data.ok
            ? t('sources.pollOk', { read: poll.data.itemsRead, stored: poll.data.itemsStored })
            : `${t('sources.pollFailed')}: ${sourceErrorText(t, poll.data.error?.code, poll.data.error?.message)}`}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="sources-table">
          <thead>
            <tr>
              <th scope="col">{t('sources.name')}</th>
              <th scope="col">{t('sources.health')}</th>
              <th scope="col">{t('sources.lastSuccess')}</th>
              <th scope="col">{t('sources.lastError')}</th>
              <th scope="col">{t('sources.failures')}</th>
              <th scope="col">{t('sources.items24h')}</th>
              {canManage && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sourcesNeedingCareFirst(sources).map((s) => (
              <tr key={s.id} data-source-id={s.id}>
                <td>
                  <strong>{s.name}</strong>
                  <div className="muted small">
                    {t(`sourceKind.${s.kind}`)} · {s.outlet} · <span className="url">{s.url}</span>
                  </div>
                </td>
                <td>
                  <span className={`health health-${s.health}`}>{t(`sourceHealth.${s.health}`)}</span>
                  {s.wentSilent && <span className="tag tag-warn">{t('sources.wentSilent')}</span>}
                </td>
                <td>
                  <DateTime value={s.lastSuccessAt} />
                </td>
                <td>
                  {s.lastError ? (
                    <>
                      <span className="error" title={s.lastError} data-testid="source-error">
                        {sourceErrorText(t, s.lastErrorCode, s.lastError)}
                      </span>
                      <div className="muted small">
                        <DateTime value={s.lastErrorAt} />
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{s.consecutiveFailures}</td>
                <td>{s.itemsLast24h}</td>
                {canManage && (
                  <td className="actions">
                    <button
                      type="button"
                      disabled={update.isPending}
                      onClick={() => update.mutate({ id: s.id, body: { enabled: !s.enabled } })}
                    >
                      {s.enabled ? t('sources.disable') : t('sources.enable')}
                    </button>
                    <button type="button" disabled={poll.isPending || !s.enabled} onClick={() => poll.mutate(s.id)}>
                      {t('sources.pollNow')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
