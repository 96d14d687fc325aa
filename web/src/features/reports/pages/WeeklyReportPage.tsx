import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  dayLabel,
  formatChange,
  formatCount,
  formatMinutes,
  isoWeekBounds,
  isoWeekOf,
  reportSummary,
  reportWords,
  SEVERITIES,
  shiftIsoWeek,
  weekNumberLabel,
  type Language,
  type ReportResponse,
  type WeeklyFigures,
  type WeeklyIncidentRef,
  type WeeklyStorySpread,
} from '@mw/shared';
import { DataTable, type Column } from '../../../components/ui/DataTable';
import { DateTime } from '../../../components/ui/DateTime';
import { ErrorMessage } from '../../../components/ui/ErrorMessage';
import { Loading } from '../../../components/ui/Loading';
import { NotAllowed } from '../../../components/ui/NotAllowed';
import { canReadReports } from '../../auth/roles';
import { useMe } from '../../auth/hooks/useAuth';
import { hasMessage, useI18n, type MessageKey } from '../../../i18n/i18n';
import { useUnits } from '../../units/hooks/useUnits';
import { useWeeklyReport } from '../hooks/useWeeklyReport';
import { reportUnitFor, reportUnits, type ReportUnits } from '../report-scope';
import { DownloadButtons } from '../components/DownloadButtons';
import { ReportCharts } from '../components/ReportCharts';
import { StoredReports } from '../components/StoredReports';

/** The weekly leadership report: key figures against the previous week, then the details, printable. */
export function WeeklyReportPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (!canReadReports(me.data)) return <NotAllowed />;
  return <WeeklyReport units={reportUnits(me.data)} />;
}

function WeeklyReport({ units }: { units: ReportUnits }) {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const asked = params.get('week') ?? undefined;
  const unit = reportUnitFor(units, params.get('unit'));
  const report = useWeeklyReport(asked, unit);
  // The week asked for wins over the data shown: while the next week loads, the previous data stays on screen
  // (dimmed), and quick clicks keep moving from the week asked for, not from the one still shown.
  const week = asked ?? report.data?.period.week ?? undefined;
  const stale = report.isPlaceholderData || (report.isFetching && !!report.data && report.data.period.week !== week);
  const go = (delta: number) => {
    if (week && isoWeekBounds(week)) setParams({ week: shiftIsoWeek(week, delta), ...(unit ? { unit } : {}) });
  };
  const pickUnit = (code: string) => setParams({ ...(week ? { week } : {}), ...(code ? { unit: code } : {}) });
  const nextStarted = week && isoWeekBounds(week) ? shiftIsoWeek(week, 1) <= isoWeekOf(new Date()) : false;
  return (
    <section aria-labelledby="weekly-report-title" className="weekly-report">
      <h2 id="weekly-report-title">{t('report.heading')}</h2>
      <ReportUnitPicker units={units} value={unit ?? ''} onChange={pickUnit} />
      <div className="actions no-print" role="group" aria-label={t('report.weekPicker')}>
        <button type="button" onClick={() => go(-1)} disabled={!week}>
          {t('report.previousWeek')}
        </button>
        <span data-testid="report-week" data-week={week ?? ''}>
          {week ? weekName(week, language, t) : '—'}
        </span>
        <button type="button" onClick={() => go(1)} disabled={!nextStarted}>
          {t('report.nextWeek')}
        </button>
        <DownloadButtons period={week ? { week, unit } : undefined} />
      </div>
      {(report.isPending || stale) && <Loading />}
      {report.isError && <ErrorMessage error={report.error} />}
      {report.data && (
        <div
          className={stale ? 'report-stale' : undefined}
          aria-busy={stale}
          style={stale ? { opacity: 0.5 } : undefined}
        >
          <ReportBody report={report.data} />
        </div>
      )}
      <div className="no-print">
        <StoredReports unit={unit} />
      </div>
    </section>
  );
}

/**
 * Whose report: office roles pick the whole district or any unit; a principal of several schools one of theirs (one
 * school: nothing to pick).
 */
function ReportUnitPicker(props: { units: ReportUnits; value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  const all = useUnits();
  const { units } = props;
  if (units.kind === 'schools' && units.codes.length < 2) return null;
  const nameOf = (code: string) => all.data?.find((u) => u.code === code)?.name ?? code;
  const options =
    units.kind === 'district'
      ? (all.data ?? []).map((u) => ({ value: u.code, label: u.name }))
      : units.codes.map((code) => ({ value: code, label: nameOf(code) }));
  return (
    <label className="field no-print report-unit">
      <span>{t('report.unitPicker')}</span>
      <select name="unit" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {units.kind === 'district' && <option value="">{t('report.wholeDistrict')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A week's number as shown: 47/2026 to Vietnamese readers, the ISO name (2026-W47) otherwise (URLs keep it). */
const weekShown = (week: string, language: string): string => (language === 'vi' ? weekNumberLabel(week) : week);

/** A week named on its own: "tuần 47/2026" in Vietnamese. */
function weekName(week: string, language: string, t: (key: MessageKey, p?: Record<string, string>) => string) {
  return t('report.weekName', { week: weekShown(week, language) });
}

/** The summary built from the figures, the charts, and the district's own news: shared with the overview page. */
export function ReportOverview({ report }: { report: ReportResponse }) {
  const { t, language } = useI18n();
  return (
    <>
      <div className="card report-summary" data-testid="report-summary">
        <h3>{t('report.summary')}</h3>
        {reportSummary(report, language === 'en' ? 'en' : 'vi').map((line) => (
          <p key={line}>{line}</p>
        ))}
        <p className="muted small">{t('report.timeRule')}</p>
      </div>
      <ReportCharts report={report} />
    </>
  );
}

function ReportBody({ report }: { report: ReportResponse }) {
  const { t, language } = useI18n();
  const label = (prefix: string, key: string): string => {
    const k = `${prefix}.${key}`;
    return hasMessage(k) ? t(k as MessageKey) : key || t('report.none');
  };
  const lang: Language = language === 'en' ? 'en' : 'vi';
  const unacknowledgedColumns: Column<WeeklyIncidentRef>[] = [
    {
      key: 'incident',
      header: t('report.incident'),
      phone: 'bare',
      cell: (i) => (
        <a href={`/incidents/${i.id}`}>
          #{i.number} {i.title}
        </a>
      ),
    },
    { key: 'severity', header: t('report.severity'), cell: (i) => label('severity', i.severity) },
    { key: 'units', header: t('report.units'), cell: (i) => i.units.join(', ') },
    { key: 'opened', header: t('report.openedAt'), cell: (i) => <DateTime value={i.openedAt} /> },
  ];
  const storyColumns: Column<WeeklyStorySpread>[] = [
    {
      key: 'story',
      header: t('report.story'),
      phone: 'bare',
      cell: (s) => (
        <>
          <a href={`/stories/${s.storyId}`}>{s.title}</a>
          <div className="muted small">{s.outletNames.join(', ')}</div>
        </>
      ),
    },
    // One article per outlet: the outlets are the spread (a second "articles" column only repeated them).
    { key: 'outlets', header: t('report.outlets'), numeric: true, cell: (s) => formatCount(s.outlets, lang) },
  ];
  return (
    <>
      <p className="report-period">
        {t('report.period', {
          week: weekShown(report.period.week ?? '', language),
          from: dayLabel(report.period.from),
          to: dayLabel(report.period.to),
        })}
      </p>
      {report.scope && <p data-testid="report-scope">{t('report.scopeUnit', { unit: report.scope.unitName })}</p>}
      <p className="muted small">
        {report.complete ? t(report.stored ? 'report.stored' : 'report.computed') : t('report.running')}{' '}
        {t('report.generatedAt')} <DateTime value={report.generatedAt} />
      </p>

      <ReportOverview report={report} />

      <div className="card">
        <h3>{t('report.keyFigures')}</h3>
        <p className="muted small">
          {t('report.previousWeekColumn', {
            week: `${weekName(report.previousPeriod.week ?? '', language, t)} (${dayLabel(report.previousPeriod.from)} – ${dayLabel(report.previousPeriod.to)})`,
          })}
        </p>
        <FiguresTable
          current={report.figures}
          previous={report.previous}
          previousWeek={weekName(report.previousPeriod.week ?? '', language, t)}
        />
      </div>

      <div className="report-grid">
        <Section title={t('report.mentionsByCategory')}>
          <CountTable rows={report.mentions.byCategory.map((r) => [label('category', r.key), r.count])} />
        </Section>
        <Section title={t('report.topOutlets')}>
          <CountTable rows={report.mentions.topOutlets.map((r) => [r.key, r.count])} />
        </Section>
        <Section title={t('report.incidentsByCategory')}>
          <CountTable rows={report.incidents.byCategory.map((r) => [label('category', r.key), r.count])} />
        </Section>
        <Section title={t('report.incidentsByUnit')}>
          <CountTable rows={report.incidents.byUnit.map((r) => [r.name, r.count])} />
        </Section>
        <Section title={t('report.incidentsByStatus')}>
          <CountTable rows={report.incidents.byStatus.map((r) => [label('status', r.key), r.count])} />
        </Section>
        <Section title={t('report.escalationsByLevel')}>
          <CountTable
            rows={report.escalationsByLevel.map((r) => [
              reportWords(lang).escalationLevel[r.level] ?? t('report.level', { level: r.level }),
              r.incidents,
            ])}
          />
        </Section>
      </div>

      <Section title={t('report.openUnacknowledged')}>
        {report.openUnacknowledged.length < report.figures.openUnacknowledgedAtEnd && (
          <p className="muted small" data-testid="report-unack-cut">
            {t('report.listCut', {
              shown: report.openUnacknowledged.length,
              total: report.figures.openUnacknowledgedAtEnd,
            })}
          </p>
        )}
        <DataTable
          rows={report.openUnacknowledged}
          columns={unacknowledgedColumns}
          rowKey={(i) => i.id}
          empty={<p className="muted">{t('report.empty')}</p>}
        />
      </Section>

      <Section title={t('report.widestStories')}>
        <DataTable
          rows={report.widestStories}
          columns={storyColumns}
          rowKey={(r) => r.storyId}
          empty={<p className="muted">{t('report.empty')}</p>}
        />
      </Section>

      {report.district && (
        <Section title={t('report.district')}>
          <p>
            {t('report.districtArticles', { n: report.district.articles, before: report.district.previousArticles })}
          </p>
          <ul className="plain-list">
            {report.district.items.map((a, index) => (
              <li key={`${a.title}-${index}`}>
                {a.url ? (
                  <a href={a.url} target="_blank" rel="noreferrer noopener">
                    {a.title}
                  </a>
                ) : (
                  a.title
                )}
                <div className="muted small">
                  {a.outlet} · {t('report.recordedAt')} <DateTime value={a.recordedAt} />
                  {a.publishedAt && (
                    <>
                      {' '}
                      · {t('report.publishedAt')} <DateTime value={a.publishedAt} />
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title={t('report.goodNews')}>
        {report.goodNews.length === 0 ? (
          <p className="muted">{t('report.empty')}</p>
        ) : (
          <ul className="plain-list">
            {report.goodNews.map((g, index) => (
              <li key={`${g.title}-${index}`}>
                {g.url ? (
                  <a href={g.url} target="_blank" rel="noreferrer noopener">
                    {g.title}
                  </a>
                ) : (
                  g.title
                )}
                <div className="muted small">
                  {g.outlet} · {g.units.join(', ')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card report-section">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/** A name and a count per row: two short columns that fit a phone as a table. */
function CountTable({ rows }: { rows: [string, number][] }) {
  const { t, language } = useI18n();
  const columns: Column<[string, number]>[] = [
    { key: 'name', header: t('report.name'), cell: ([name]) => name },
    {
      key: 'count',
      header: t('report.count'),
      numeric: true,
      cell: ([, count]) => formatCount(count, language === 'en' ? 'en' : 'vi'),
    },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={([name]) => name}
      empty={<p className="muted">{t('report.empty')}</p>}
      keepTableOnPhone
      className="count-table"
    />
  );
}

/** Key figures of the week beside the previous week's, with the change. */
function FiguresTable(props: { current: WeeklyFigures; previous: WeeklyFigures; previousWeek: string }) {
  const { t, language } = useI18n();
  const lang: Language = language === 'en' ? 'en' : 'vi';
  const show = (value: number | null, duration?: boolean) =>
    value === null ? '—' : duration ? formatMinutes(value, lang) : formatCount(value, lang);
  const { current: c, previous: p } = props;
  const rows: { key: string; label: string; now: number | null; before: number | null; text?: boolean }[] = [
    { key: 'mentions', label: t('report.mentions'), now: c.mentions, before: p.mentions },
    ...(['negative', 'neutral', 'positive'] as const).map((s) => ({
      key: `sentiment-${s}`,
      label: `— ${t(`sentiment.${s}`)}`,
      now: c.mentionsBySentiment[s],
      before: p.mentionsBySentiment[s],
    })),
    { key: 'incidents', label: t('report.incidentsOpened'), now: c.incidentsOpened, before: p.incidentsOpened },
    ...SEVERITIES.map((s) => ({
      key: `severity-${s}`,
      label: `— ${s} ${t(`severity.${s}`)}`,
      now: c.incidentsBySeverity[s],
      before: p.incidentsBySeverity[s],
    })),
    // Reports stored before the figure existed have none: shown as '—'.
    { key: 'dismissed', label: t('report.dismissed'), now: c.dismissed ?? null, before: p.dismissed ?? null },
    { key: 'acknowledged', label: t('report.acknowledged'), now: c.acknowledged, before: p.acknowledged },
    {
      key: 'ack-median',
      label: t('report.ackMedian'),
      now: c.ackMedianMinutes,
      before: p.ackMedianMinutes,
      text: true,
    },
    { key: 'ack-p90', label: t('report.ackP90'), now: c.ackP90Minutes, before: p.ackP90Minutes, text: true },
    { key: 'escalations', label: t('report.escalations'), now: c.escalations, before: p.escalations },
    {
      key: 'unacknowledged',
      label: t('report.unacknowledgedAtEnd'),
      now: c.openUnacknowledgedAtEnd,
      before: p.openUnacknowledgedAtEnd,
    },
    { key: 'good-news', label: t('report.goodNewsCount'), now: c.goodNews, before: p.goodNews },
  ];
  type Row = (typeof rows)[number];
  // Three short numbers beside a name: the rows stay rows on a phone (a card per figure was four lines each).
  const columns: Column<Row>[] = [
    { key: 'figure', header: t('report.figure'), phone: 'bare', cell: (r) => <strong>{r.label}</strong> },
    {
      key: 'current',
      header: t('report.thisWeek'),
      numeric: true,
      cell: (r) => <span data-value="current">{show(r.now, r.text)}</span>,
    },
    {
      key: 'previous',
      header: t('report.previousWeekShort'),
      numeric: true,
      cell: (r) => (
        <span data-value="previous" title={props.previousWeek}>
          {show(r.before, r.text)}
        </span>
      ),
    },
    { key: 'change', header: t('report.change'), numeric: true, cell: (r) => change(r.now, r.before, lang, r.text) },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.key}
      rowProps={(r) => ({ 'data-figure': r.key })}
      className="report-figures"
      keepTableOnPhone
    />
  );
}

function change(now: number | null, before: number | null, language: Language, duration?: boolean): string {
  if (now === null || before === null) return '—';
  const d = now - before;
  if (!duration) return formatChange(d, language);
  return d === 0 ? '0' : `${d > 0 ? '+' : ''}${formatMinutes(d, language)}`;
}
