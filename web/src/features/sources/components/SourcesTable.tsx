import type { SourceDto } from '@mw/shared';
import { DataTable, type Column } from '../../../components/ui/DataTable';
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
  const columns: Column<SourceDto>[] = [
    {
      key: 'name',
      header: t('sources.name'),
      phone: 'bare',
      cell: (s) => (
        <>
          <strong>{s.name}</strong>
          <div className="muted small">
            {t(`sourceKind.${s.kind}`)} · {s.outlet} · <span className="url">{s.url}</span>
          </div>
        </>
      ),
    },
    {
      key: 'health',
      header: t('sources.health'),
      cell: (s) => (
        <>
          <span className={`health health-${s.health}`}>{t(`sourceHealth.${s.health}`)}</span>
          {s.wentSilent && <span className="tag tag-warn">{t('sources.wentSilent')}</span>}
        </>
      ),
    },
    { key: 'lastSuccess', header: t('sources.lastSuccess'), cell: (s) => <DateTime value={s.lastSuccessAt} /> },
    {
      key: 'lastError',
      header: t('sources.lastError'),
      cell: (s) =>
        s.lastError ? (
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
        ),
    },
    { key: 'failures', header: t('sources.failures'), numeric: true, cell: (s) => s.consecutiveFailures },
    { key: 'items', header: t('sources.items24h'), numeric: true, cell: (s) => s.itemsLast24h },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      phone: 'bare',
      className: 'actions',
      cell: (s) => (
        <>
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
        </>
      ),
    });
  }
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
      <DataTable
        rows={sourcesNeedingCareFirst(sources)}
        columns={columns}
        rowKey={(src) => src.id}
        rowProps={(src) => ({ 'data-source-id': src.id })}
        testId="sources-table"
      />
    </>
  );
}
