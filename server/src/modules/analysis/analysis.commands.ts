import * as fs from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { UnitLevel } from '@mw/shared';
import { DataSource } from 'typeorm';
import { CliCommand, CliError, parseOptions } from '../../cli/cli-command';
import { SYSTEM_ACTOR } from '../../common/auth/auth-user';
import { parseCsv } from '../../database/seeds/seed-files';
import { AuditService, UnitsService, upsertUnits, type UnitUpsert } from '../organisation';
import { AnalysisService } from './analysis.service';
import { analyzeJsonLines, createAnalyzer, type AnalyzeOutput, type Analyzer } from './pipeline/analyze-item';
import { buildUnitsGazetteer } from './units-gazetteer';
import { readUnitsForCli } from './units-for-cli';

/**
 * External contract: `npm run -s cli -- analyze < items.jsonl > out.jsonl`. One output line per good input line,
 * in input order, with exactly the contract's fields; a bad line gets one stderr line naming it and the run goes
 * on. It reads units from the configured or already running database (read-only) or else from the seed file, and
 * writes nothing anywhere.
 */
export const analyzeCommand: CliCommand = {
  summary: 'Analyse JSON-lines items from stdin (units, tone, topic, incident, story) without storing anything',
  usage: 'analyze < items.jsonl > out.jsonl',
  async run(args, ctx) {
    const { positional } = parseOptions(args, {});
    if (positional.length > 0) throw new CliError('usage: analyze < items.jsonl > out.jsonl');
    const { units } = await readUnitsForCli(ctx.env, (line) => ctx.err.write(`warning: ${line}\n`));
    const analyzer = createAnalyzer({ gazetteer: buildUnitsGazetteer(units) });
    await analyzeJsonLines(asReadable(ctx.in), asWritable(ctx.out), asWritable(ctx.err), contractAnalyzer(analyzer));
    return 0;
  },
};

/** `analyze-pending`: analyse the items waiting in the database now and print a JSON summary. */
export const analyzePendingCommand: CliCommand = {
  summary: 'Analyse the pending feed items now and store their mentions',
  usage: 'analyze-pending [--limit <n>]',
  async run(args, ctx) {
    const { positional, options } = parseOptions(args, { limit: 'string' });
    if (positional.length > 0) throw new CliError('usage: analyze-pending [--limit <n>]');
    const limit = options.limit === undefined ? undefined : Number(options.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new CliError('--limit must be a positive integer');
    }
    const app = await ctx.app();
    const summary = await app.get(AnalysisService, { strict: false }).analysePending({ limit });
    ctx.out.write(`${JSON.stringify(summary)}\n`);
    return 0;
  },
};

const UNITS_USAGE = 'units import <file.csv>';
const LEVELS = new Set<string>(Object.values(UnitLevel));

/**
 * `units import <csv>`: upserts units by code from a CSV with the columns code,name,level,ownership,address and
 * optionally aliases (separated by |). The whole file is checked first; any bad row stops the import with the row
 * named and nothing written. Prints {"created":n,"updated":n}.
 */
export const unitsCommand: CliCommand = {
  summary: 'Import (create or update) units from a CSV file',
  usage: UNITS_USAGE,
  async run(args, ctx) {
    const { positional } = parseOptions(args, {});
    const [action, file] = positional;
    if (action !== 'import' || !file || positional.length !== 2) throw new CliError(`usage: ${UNITS_USAGE}`);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const rows = parseUnitsCsv(text.replace(/^\uFEFF/, ''));
    const app = await ctx.app();
    const summary = await upsertUnits(
      app.get(DataSource, { strict: false }),
      app.get(AuditService, { strict: false }),
      app.get(UnitsService, { strict: false }),
      SYSTEM_ACTOR,
      rows,
    );
    ctx.out.write(`${JSON.stringify({ created: summary.created, updated: summary.updated })}\n`);
    return 0;
  },
};

export function parseUnitsCsv(text: string): UnitUpsert[] {
  const records = parseCsv(text);
  if (records.length === 0) return [];
  const columns = Object.keys(records[0] as Record<string, string>);
  for (const required of ['code', 'name', 'level']) {
    if (!columns.includes(required)) throw new CliError(`the CSV has no "${required}" column`);
  }
  const hasAliases = columns.includes('aliases');
  const seen = new Set<string>();
  return records.map((r, i) => {
    const line = i + 2;
    const code = r.code ?? '';
    if (!/^[A-Za-z0-9-]{2,32}$/.test(code))
      throw new CliError(`row ${line}: code must be 2-32 letters, digits or dashes`);
    if (seen.has(code)) throw new CliError(`row ${line}: unit ${code} appears twice`);
    seen.add(code);
    if (!r.name) throw new CliError(`row ${line}: unit ${code} has no name`);
    if (!LEVELS.has(r.level ?? '')) {
      throw new CliError(`row ${line}: level must be one of ${[...LEVELS].join(', ')} (got "${r.level ?? ''}")`);
    }
    return {
      code,
      name: r.name,
      level: r.level as UnitLevel,
      ownership: r.ownership ?? '',
      address: r.address ?? '',
      aliases: hasAliases ? (r.aliases ?? '').split('|') : undefined,
    };
  });
}

/** Output exactly as the contract lists it: the analyzer's extra fields (spans, terms, reasons) are left out. */
function contractAnalyzer(analyzer: Analyzer): Analyzer {
  return {
    analyze(input) {
      const out = analyzer.analyze(input);
      const view = contractView(out);
      return Object.assign({}, out, { toJSON: () => view });
    },
  };
}

function contractView(out: AnalyzeOutput) {
  return {
    id: out.id,
    units: out.units.map((u) => ({ code: u.code, name: u.name, confidence: u.confidence, evidence: u.evidence })),
    sentiment: { score: out.sentiment.score, label: out.sentiment.label },
    category: out.category,
    incident: out.incident,
    severity: out.severity,
    storyId: out.storyId,
  };
}

function asReadable(stream: NodeJS.ReadableStream): Readable {
  return stream instanceof Readable ? stream : new Readable().wrap(stream);
}

function asWritable(stream: NodeJS.WritableStream): Writable {
  if (stream instanceof Writable) return stream;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.write(chunk, (error?: Error | null) => callback(error ?? null));
    },
  });
}
