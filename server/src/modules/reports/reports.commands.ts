import { isoWeekBounds } from '@mw/shared';
import { CliCommand, CliError, parseOptions } from '../../cli/cli-command';
import { ReportsService } from './reports.service';

const USAGE = 'report weekly [--week YYYY-Www]';

/**
 * `report weekly [--week 2026-W48]`: prints the week's report (default: the last complete week) as one JSON object
 * on stdout, the stored one when the week is stored, else computed now; nothing is written.
 */
export const reportCommand: CliCommand = {
  summary: 'Print the weekly leadership report as JSON',
  usage: USAGE,
  async run(args, ctx) {
    const { positional, options } = parseOptions(args, { week: 'string' });
    if (positional.length !== 1 || positional[0] !== 'weekly') throw new CliError(`usage: ${USAGE}`);
    const week = options.week as string | undefined;
    if (week !== undefined && !isoWeekBounds(week)) throw new CliError('--week must be an ISO week such as 2026-W48');
    const app = await ctx.app();
    let report;
    try {
      report = await app.get(ReportsService, { strict: false }).get(week);
    } catch (err) {
      const response = (err as { getResponse?: () => unknown }).getResponse?.() as { message?: string } | undefined;
      if (response?.message) throw new CliError(`--week: ${response.message}`);
      throw err;
    }
    ctx.out.write(`${JSON.stringify(report)}\n`);
    return 0;
  },
};
