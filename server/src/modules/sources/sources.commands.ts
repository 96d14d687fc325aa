import { Writable } from 'node:stream';
import { CliCommand, CliError, parseOptions } from '../../cli/cli-command';
import { runFetchCommand } from './fetch-command';
import { toPollOutcomeDto } from './source.mapper';
import { SourceBusyError, SourceMissingError, SourcePollerService } from './source-poller.service';
import { SourcesService } from './sources.service';

/**
 * External contract: `npm run -s cli -- fetch <url> [--kind ...] [--selectors <json>]` prints one JSON object per
 * item per line; on failure one line on stderr and exit 1. It reads the web only: no database is started.
 */
export const fetchCommand: CliCommand = {
  summary: 'Read one feed or listing page with the server’s guards and print its items as JSON lines',
  usage: 'fetch <url> [--kind rss|html|social|search] [--selectors <json>]',
  run(args, ctx) {
    return runFetchCommand(args, asWritable(ctx.out), asWritable(ctx.err), {
      allowPrivateHosts: ctx.env.MW_ALLOW_PRIVATE_HOSTS,
    });
  },
};

const SOURCES_USAGE = 'sources list | sources poll <id>';

/** `sources list` prints one JSON line per source with its health; `sources poll <id>` polls one now. */
export const sourcesCommand: CliCommand = {
  summary: 'List sources with their health, or poll one now',
  usage: SOURCES_USAGE,
  async run(args, ctx) {
    const { positional } = parseOptions(args, {});
    const [action, id] = positional;
    if (action === 'list' && positional.length === 1) {
      const app = await ctx.app();
      const sources = await app.get(SourcesService, { strict: false }).list();
      ctx.out.write(sources.map((s) => `${JSON.stringify(s)}\n`).join(''));
      return 0;
    }
    if (action === 'poll' && id && positional.length === 2) {
      const app = await ctx.app();
      try {
        const outcome = await app.get(SourcePollerService, { strict: false }).pollNow(id);
        ctx.out.write(`${JSON.stringify(toPollOutcomeDto(outcome))}\n`);
        return outcome.ok ? 0 : 1;
      } catch (error) {
        if (error instanceof SourceMissingError || error instanceof SourceBusyError) throw new CliError(error.message);
        if (/invalid input syntax for type uuid/.test(String(error))) throw new CliError(`source ${id} does not exist`);
        throw error;
      }
    }
    throw new CliError(`usage: ${SOURCES_USAGE}`);
  },
};

/** The CLI hands out process.stdout/stderr (already Writables); anything else is wrapped. */
function asWritable(stream: NodeJS.WritableStream): Writable {
  if (stream instanceof Writable) return stream;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.write(chunk, (error?: Error | null) => callback(error ?? null));
    },
  });
}
