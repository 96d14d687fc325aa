/**
 * Streams JSON Lines through an analyzer: one output line per good input line, in input order.
 *
 * Memory stays bounded for any input length: chunks are pulled from the input only as fast as the output
 * accepts lines (the loop awaits 'drain'), and a single line longer than `maxLineBytes` is dropped as it
 * arrives instead of being buffered. A bad line (invalid JSON, no string id or title, a line too long) writes
 * one line to `errors` with its 1-based line number and cause, writes NOTHING to `output`, and the run goes
 * on. Blank lines are skipped silently.
 */
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import type { AnalyzeInput, Analyzer } from './analyze-item';

export interface JsonLinesSummary {
  /** Lines read, blank ones included. */
  readonly lines: number;
  readonly analyzed: number;
  readonly rejected: number;
}

export interface JsonLinesOptions {
  readonly maxLineBytes?: number;
}

const DEFAULT_MAX_LINE = 4 * 1024 * 1024;

export async function analyzeJsonLines(
  input: Readable,
  output: Writable,
  errors: Writable,
  analyzer: Analyzer,
  options: JsonLinesOptions = {},
): Promise<JsonLinesSummary> {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE;
  const decoder = new StringDecoder('utf8');
  let lines = 0;
  let analyzed = 0;
  let rejected = 0;
  let pending = '';
  let overlong = false;

  const handle = async (line: string): Promise<void> => {
    lines++;
    if (overlong) {
      overlong = false;
      rejected++;
      await write(errors, `line ${lines}: longer than ${maxLine} characters, skipped\n`);
      return;
    }
    if (lines === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return;
    const parsed = parseItem(line);
    if (typeof parsed === 'string') {
      rejected++;
      await write(errors, `line ${lines}: ${parsed}\n`);
      return;
    }
    let result: string;
    try {
      result = JSON.stringify(analyzer.analyze(parsed));
    } catch (error: unknown) {
      rejected++;
      await write(
        errors,
        `line ${lines}: analysis failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return;
    }
    analyzed++;
    await write(output, result + '\n');
  };

  for await (const chunk of input) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      const line = overlong ? '' : pending + text.slice(0, newline);
      pending = '';
      await handle(line);
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    if (!overlong) {
      pending += text;
      if (pending.length > maxLine) {
        overlong = true;
        pending = '';
      }
    }
  }
  const rest = pending + decoder.end();
  if (overlong || rest.length > 0) await handle(overlong ? '' : rest);
  return { lines, analyzed, rejected };
}

function parseItem(line: string): AnalyzeInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error: unknown) {
    return `invalid JSON (${error instanceof Error ? error.message : 'parse error'})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const item = value as Record<string, unknown>;
  if (typeof item.id !== 'string' || item.id.trim() === '') return 'missing id (a non-empty string)';
  if (typeof item.title !== 'string' || item.title.trim() === '') return 'missing title (a non-empty string)';
  for (const field of ['summary', 'content', 'publishedAt', 'outlet', 'sourceUnitCode'] as const) {
    const v = item[field];
    if (v !== undefined && v !== null && typeof v !== 'string') return `${field} must be a string`;
  }
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    id: item.id,
    title: item.title,
    summary: text(item.summary),
    content: text(item.content),
    publishedAt: text(item.publishedAt),
    outlet: text(item.outlet),
    sourceUnitCode: text(item.sourceUnitCode),
  };
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
