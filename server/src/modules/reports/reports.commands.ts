import { promises as fs } from 'node:fs';
import { isoWeekBounds, type ReportFormat } from '@mw/shared';
import { CliCommand, CliError, parseOptions } from '../../cli/cli-command';
import { ReportFiles } from './render/report-files.service';
import { ReportsService } from './reports.service';

const USAGE = 'report weekly [--week YYYY-Www] [--unit CODE] [--format json|pdf|csv] [--out FILE]';
const FORMATS: ReportFormat[] = ['json', 'pdf', 'csv'];

/**
 * `report weekly [--week 2026-W48] [--format pdf --out report.pdf]`: the week's report (default: the last complete
 * week; the stored one when the week is stored, else computed now; nothing is stored). JSON is one object on one line
 * on stdout; PDF and CSV go to --out, or to stdout without it.
 */
export const reportCommand: CliCommand = {
  summary: 'Print or save the weekly leadership report (JSON, PDF or CSV)',
  usage: USAGE,
  async run(args, ctx) {
    const { positional, options } = parseOptions(args, {
      week: 'string',
      format: 'string',
      out: 'string',
      unit: 'string',
    });
    if (positional.length !== 1 || positional[0] !== 'weekly') throw new CliError(`usage: ${USAGE}`);
    const week = options.week as string | undefined;
    if (week !== undefined && !isoWeekBounds(week)) throw new CliError('--week must be an ISO week such as 2026-W48');
    const format = (options.format as string | undefined) ?? 'json';
    if (!FORMATS.includes(format as ReportFormat)) throw new CliError('--format must be json, pdf or csv');
    const app = await ctx.app();
    const reports = app.get(ReportsService, { strict: false });
    let report;
    try {
      const unit = options.unit as string | undefined;
      const scope = unit ? await reports.scopeOf(unit) : null;
      report = await reports.get(reports.weekPeriod(week), scope);
    } catch (err) {
      const response = (err as { getResponse?: () => unknown }).getResponse?.() as
        { message?: string; field?: string } | undefined;
      if (response?.message) throw new CliError(`--${response.field ?? 'week'}: ${response.message}`);
      throw err;
    }
    const out = options.out as string | undefined;
    if (format === 'json') {
      const text = `${JSON.stringify(report)}\n`;
      if (out) await fs.writeFile(out, text);
      else ctx.out.write(text);
      return 0;
    }
    const files = app.get(ReportFiles, { strict: false });
    const file = format === 'pdf' ? await files.pdfOf(report) : files.csvOf(report);
    if (out) await fs.writeFile(out, file.content);
    else ctx.out.write(file.content);
    return 0;
  },
};
