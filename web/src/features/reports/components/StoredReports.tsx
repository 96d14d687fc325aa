import { useState } from 'react';
import { Link } from 'react-router-dom';
import { dayLabel, formatCount, weekNumberLabel, type StoredReportSummary } from '@mw/shared';
import { DataTable, type Column } from '../../../components/ui/DataTable';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { Pagination } from '../../../components/ui/Pagination';
import { useI18n } from '../../../i18n/i18n';
import { useStoredReports } from '../hooks/useWeeklyReport';
import { DownloadButtons } from './DownloadButtons';

/**
 * The weeks the Monday schedule stored and sent, newest first: each opens on the report page and downloads as the PDF
 * and CSV that were sent (the server returns the stored report of a stored week, not a recomputation).
 */
export function StoredReports({ unit }: { unit: string | undefined }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const list = useStoredReports(page, unit);
  const lang = language === 'en' ? 'en' : 'vi';
  const columns: Column<StoredReportSummary>[] = [
    {
      key: 'week',
      header: t('report.storedWeek'),
      phone: 'bare',
      cell: (r) => (
        <Link to={`/reports/weekly?week=${r.week}${r.scope ? `&unit=${r.scope.unitCode}` : ''}`}>
          <strong>{t('report.weekTitle', { week: language === 'vi' ? weekNumberLabel(r.week) : r.week })}</strong>{' '}
          <span className="muted small">
            ({dayLabel(r.from)} – {dayLabel(r.to)})
          </span>
        </Link>
      ),
    },
    { key: 'stored-at', header: t('report.storedAt'), cell: (r) => <DateTime value={r.storedAt} relative={false} /> },
    { key: 'mentions', header: t('report.mentions'), numeric: true, cell: (r) => formatCount(r.mentions, lang) },
    {
      key: 'incidents',
      header: t('report.incidentsOpened'),
      numeric: true,
      cell: (r) => formatCount(r.incidentsOpened, lang),
    },
    {
      key: 'download',
      header: t('report.download'),
      phone: 'bare',
      cell: (r) => (
        <div className="actions">
          <DownloadButtons period={{ week: r.week, unit: r.scope?.unitCode }} compact />
        </div>
      ),
    },
  ];
  return (
    <div className="card report-section" data-testid="stored-reports">
      <h3>{t('report.storedList')}</h3>
      <p className="muted small">{t('report.storedListHint')}</p>
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && (
        <>
          <DataTable
            rows={list.data.items}
            columns={columns}
            rowKey={(r) => `${r.week}:${r.scope?.unitCode ?? ''}`}
            rowProps={(r) => ({ 'data-week': r.week })}
            empty={<p className="muted">{t('report.storedNone')}</p>}
          />
          <Pagination page={page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
