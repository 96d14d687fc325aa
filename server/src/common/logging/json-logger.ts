import { LoggerService } from '@nestjs/common';
import { currentRequestId } from './request-context';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured logs: one JSON object per line. The server writes to stdout; CLI commands pass stderr
 * because their stdout carries only their output. A line written while serving an HTTP request carries that
 * request's `requestId` (request-context.ts).
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly stream: NodeJS.WritableStream = process.stdout,
    private readonly fields: Record<string, unknown> = {},
  ) {}

  child(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger(this.level, this.stream, { ...this.fields, ...fields });
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  /** Structured entry with extra fields. */
  event(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    if (RANK[level] < RANK[this.level]) return;
    const requestId = currentRequestId();
    const line = { time: new Date().toISOString(), level, ...this.fields, ...(requestId ? { requestId } : {}), msg };
    this.stream.write(JSON.stringify({ ...line, ...fields }) + '\n');
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context as the last string argument, and an error stack before it for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (args.length > 0) fields.detail = args.map((a) => (a instanceof Error ? a.stack : a));
    if (message instanceof Error) {
      fields.stack = message.stack;
      this.event(level, message.message, fields);
    } else if (typeof message === 'object' && message !== null) {
      this.event(level, 'event', { ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.event(level, String(message), fields);
    }
  }
}
