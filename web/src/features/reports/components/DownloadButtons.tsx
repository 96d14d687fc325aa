import { useI18n } from '../../../i18n/i18n';
import { downloadReport, type ReportDownload } from '../api/reports.api';

/**
 * PDF and CSV of a report: the same report, printed by the server. `compact` labels the buttons "PDF" and "CSV" only
 * (in a list whose column already says what they do).
 */
export function DownloadButtons({
  period,
  compact = false,
}: {
  period: ReportDownload | undefined;
  compact?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      {(['pdf', 'csv'] as const).map((format) => (
        <button
          key={format}
          type="button"
          disabled={!period}
          data-format={format}
          onClick={() =>
            period && void downloadReport(period, format).catch(() => window.alert(t('report.downloadFailed')))
          }
        >
          {compact ? format.toUpperCase() : t(format === 'pdf' ? 'report.downloadPdf' : 'report.downloadCsv')}
        </button>
      ))}
    </>
  );
}
