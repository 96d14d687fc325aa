import { Injectable } from '@nestjs/common';
import type { Language, Report } from '@mw/shared';
import { PdfRenderer } from './pdf-renderer.service';
import { reportCsv } from './report-csv';
import { pageFooter, reportHtml } from './report-html';

/** A report as a file: its bytes, type and a download name. */
export interface ReportFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** bao-cao-2026-W47.pdf, bao-cao-2026-11-01_2026-11-30-79000724.csv: ASCII only, safe in a header. */
export function reportFilename(report: Report, ext: 'pdf' | 'csv'): string {
  const period = report.period.week ?? `${report.period.from}_${report.period.to}`;
  const scope = report.scope ? `-${report.scope.unitCode.replace(/[^A-Za-z0-9-]/g, '')}` : '';
  return `bao-cao-${period}${scope}.${ext}`;
}

/** The report as PDF (A4, charts, page numbers) and as CSV (every table, UTF-8 with BOM). */
@Injectable()
export class ReportFiles {
  constructor(private readonly pdf: PdfRenderer) {}

  async pdfOf(report: Report, language: Language = 'vi'): Promise<ReportFile> {
    const content = await this.pdf.render(reportHtml(report, language), { footer: pageFooter(language) });
    return { filename: reportFilename(report, 'pdf'), contentType: 'application/pdf', content };
  }

  csvOf(report: Report, language: Language = 'vi'): ReportFile {
    return {
      filename: reportFilename(report, 'csv'),
      contentType: 'text/csv; charset=utf-8',
      content: Buffer.from(reportCsv(report, language), 'utf8'),
    };
  }
}
