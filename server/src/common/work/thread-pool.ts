/**
 * Worker-thread pools (piscina) for the work that must not hold the event loop: parsing documents (sources) and
 * analysing items (analysis). Threads start on the first task and stop after a minute idle; each has a heap limit.
 * From the compiled server a pool runs the `.js` file beside its caller; from the TypeScript sources (tests, benches)
 * the `.ts` file, through the repository's TypeScript hook.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Piscina } from 'piscina';

const IDLE_MS = 60_000;
const TS_HOOK = path.resolve(__dirname, '../../../../tools/eval/ts-hook.cjs');

/** Threads a pool starts by default: the cores less one (for the event loop and PostgreSQL), 1 to 4. */
export function defaultThreads(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

export interface ThreadPoolOptions {
  /** The caller's `__dirname` and `__filename`: the thread's file is beside the caller, compiled as the caller is. */
  dirname: string;
  filename: string;
  /** The thread's file name without its extension ("parse.worker"). */
  file: string;
  threads: number;
  heapMb: number;
}

export function createThreadPool<T, R>(options: ThreadPoolOptions): Piscina<T, R> {
  const compiled = path.extname(options.filename) === '.js';
  return new Piscina<T, R>({
    filename: path.join(options.dirname, `${options.file}${compiled ? '.js' : '.ts'}`),
    execArgv: compiled ? [] : ['--require', TS_HOOK],
    minThreads: 0,
    maxThreads: options.threads,
    idleTimeout: IDLE_MS,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
  });
}

/**
 * What a task that failed on a thread is reported as: over its time limit, over the heap limit, or the thread's own
 * failure. `doing` names the task ("parsing the document"), `failed` the failure ("the parser failed").
 */
export function threadFailure(error: unknown, timeoutMs: number, words: { doing: string; failed: string }): string {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  if (name === 'AbortError' || name === 'TimeoutError') {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    return `${words.doing} took longer than ${limit} and was abandoned`;
  }
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return `${words.doing} needed more memory than allowed`;
  return `${words.failed}: ${error instanceof Error ? error.message : String(error)}`;
}
