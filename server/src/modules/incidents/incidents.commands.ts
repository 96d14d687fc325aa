import { CliCommand, CliError, parseOptions } from '../../cli/cli-command';
import { EscalationFlow } from './flows/escalation.flow';
import { IncidentIntakeFlow } from './flows/intake.flow';
import { JudgementsExport } from './flows/judgements';

const USAGE = 'incidents intake | incidents escalate';

/**
 * Operator commands for the incident pipeline, for an instance that runs no schedules or to catch up by hand:
 * `incidents intake` turns stored mentions into incidents and good news, `incidents escalate` takes the escalation
 * steps that are due. Each prints one JSON line with what it did; both are safe next to running servers.
 */
export const incidentsCommand: CliCommand = {
  summary: 'Turn stored mentions into incidents, or take the escalation steps that are due',
  usage: USAGE,
  async run(args, ctx) {
    const { positional } = parseOptions(args, {});
    if (positional.length !== 1) throw new CliError(`usage: ${USAGE}`);
    const app = await ctx.app();
    if (positional[0] === 'intake') {
      const result = await app.get(IncidentIntakeFlow, { strict: false }).sweep();
      ctx.out.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    if (positional[0] === 'escalate') {
      const result = await app.get(EscalationFlow, { strict: false }).runDue();
      ctx.out.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    throw new CliError(`usage: ${USAGE}`);
  },
};

const LABELS_USAGE = 'labels export';

/**
 * `labels export`: every mention a person judged through its ticket (acknowledged or opened: an incident; dismissed
 * as a false match: not one), one JSON line each (flows/judgements.ts), for `npm run eval -- --office FILE` and for
 * labelling. The lines hold the news text: keep the file with the office's data, not in the repository.
 */
export const labelsCommand: CliCommand = {
  summary: "Print the office's judgements of the analysis (tickets acknowledged or dismissed) as JSON lines",
  usage: LABELS_USAGE,
  async run(args, ctx) {
    const { positional } = parseOptions(args, {});
    if (positional.length !== 1 || positional[0] !== 'export') throw new CliError(`usage: ${LABELS_USAGE}`);
    const app = await ctx.app();
    for (const line of await app.get(JudgementsExport, { strict: false }).list()) {
      ctx.out.write(`${JSON.stringify(line)}\n`);
    }
    return 0;
  },
};
