import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { dayLabel, localDay, rangePeriod, REPORT_MAX_DAYS, shiftDay } from '@mw/shared';
import { dayInvalid, parseDayMonthYear } from '../../../components/ui/dates';
import { DayRangeFields } from '../../../components/ui/DayMonthYearField';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { FilterActions } from '../../../components/ui/FilterActions';
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
  // Typed as dd/MM/yyyy like every date of the dashboard (a browser's date input shows its own locale's order, so an
  // English browser would show 11/01/2026 for the 1st of November); applied together, kept as YYYY-MM-DD in the URL.
  const [draft, setDraft] = useState({ from: dayLabel(from), to: dayLabel(to) });
  useEffect(() => setDraft({ from: dayLabel(from), to: dayLabel(to) }), [from, to]);
  const datesInvalid = dayInvalid(draft.from) || dayInvalid(draft.to);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const a = parseDayMonthYear(draft.from);
    const b = parseDayMonthYear(draft.to);
    if (!a || !b) return;
    const day = (d: { day: number; month: number; year: number }) =>
      `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    setParams({ from: day(a), to: day(b) });
  };
  return (
    <section aria-labelledby="overview-title" className="weekly-report">
      <h2 id="overview-title">{t('overview.heading')}</h2>
      <form className="filters no-print" onSubmit={apply} aria-label={t('overview.periodPicker')}>
        <DayRangeFields
          from={draft.from}
          to={draft.to}
          onFrom={(value) => setDraft((d) => ({ ...d, from: value }))}
          onTo={(value) => setDraft((d) => ({ ...d, to: value }))}
        />
        <FilterActions
          datesInvalid={datesInvalid}
          onClear={() => setParams({ from: shiftDay(today, -29), to: today })}
        />
      </form>
      <div className="actions no-print">
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
