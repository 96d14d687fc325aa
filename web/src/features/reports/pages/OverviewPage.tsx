import { useSearchParams } from 'react-router-dom';
import { dayLabel, localDay, rangePeriod, REPORT_MAX_DAYS, shiftDay } from '@mw/shared';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { NotAllowed } from '../../../components/ui/NotAllowed';
import { canReadOverview } from '../../auth/roles';
import { useMe } from '../../auth/hooks/useAuth';
import { useI18n } from '../../../i18n/i18n';
import { useRangeReport } from '../hooks/useWeeklyReport';
import { DownloadButtons } from '../components/DownloadButtons';
import { ReportOverview } from './WeeklyReportPage';

/** The office's overview: the report's charts over any run of days (default the last 30), spikes marked. */
export function OverviewPage() {
  const me = useMe();
  if (me.data && !canReadOverview(me.data)) return <NotAllowed />;
  return <Overview />;
}

function Overview() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const today = localDay(new Date());
  const asked = { from: params.get('from') ?? shiftDay(today, -29), to: params.get('to') ?? today };
  const period = rangePeriod(asked.from, asked.to);
  const valid = period !== null && period.days <= REPORT_MAX_DAYS ? period : rangePeriod(shiftDay(today, -29), today);
  const from = valid?.from ?? today;
  const to = valid?.to ?? today;
  const report = useRangeReport(from, to);
  const set = (key: 'from' | 'to', value: string) => {
    if (value) setParams({ from, to, [key]: value });
  };
  return (
    <section aria-labelledby="overview-title" className="weekly-report">
      <h2 id="overview-title">{t('overview.heading')}</h2>
      <div className="actions no-print">
        <label>
          {t('overview.from')} <input type="date" value={from} max={to} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          {t('overview.to')}{' '}
          <input type="date" value={to} min={from} max={today} onChange={(e) => set('to', e.target.value)} />
        </label>
        <DownloadButtons period={{ from, to }} />
      </div>
      <p className="report-period" data-testid="overview-period">
        {t('overview.period', { from: dayLabel(from), to: dayLabel(to), days: valid?.days ?? 0 })}
      </p>
      {report.isPending && <Loading />}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.data && (
        <div style={report.isPlaceholderData ? { opacity: 0.5 } : undefined}>
          <ReportOverview report={report.data} />
        </div>
      )}
    </section>
  );
}
