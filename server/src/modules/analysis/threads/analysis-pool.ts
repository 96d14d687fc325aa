/**
 * Step 1 of the analysis batches (units, tone, topic: the costly part) on worker threads (piscina), so one instance
 * analyses on several cores while its event loop writes the batches, answers HTTP and keeps sockets. Threads start
 * on the first task and stop after a minute idle. A task over its time limit or a thread over its heap limit is
 * abandoned (the thread is replaced) and reported as an error of that batch, which the analysis then retries item by
 * item. With no threads (`MW_ANALYSIS_THREADS=0`) the batches are analysed on the event loop. The threads run
 * analysis.thread (common/work/thread-pool.ts).
 */
import { OnApplicationShutdown } from '@nestjs/common';
import type { Piscina } from 'piscina';
import { createThreadPool, defaultThreads, threadFailure } from '../../../common/work/thread-pool';
import type { ProvisionalResult } from '../pipeline/story-aware-analyzer';
import type { AnalyseTask } from './analysis.thread';

/** Longest one batch may take on a thread (a batch of 500 items takes about a tenth of a second). */
export const ANALYSE_TIMEOUT_MS = 60_000;
/** Heap of one analysis thread: the model and the gazetteer take about a hundred megabytes. */
const ANALYSE_HEAP_MB = 1024;

export type AnalysisThreads = number | 'auto';

/** `auto`: as many as the parser's pool (`defaultThreads`). */
export function threadCount(setting: AnalysisThreads, cores?: number): number {
  return setting === 'auto' ? defaultThreads(cores) : setting;
}

export class AnalysisPool implements OnApplicationShutdown {
  private pool: Piscina<AnalyseTask, ProvisionalResult[]> | undefined;
  readonly threads: number;

  constructor(
    threads: AnalysisThreads = 'auto',
    private readonly timeoutMs = ANALYSE_TIMEOUT_MS,
  ) {
    this.threads = threadCount(threads);
  }

  /** Step 1 for a batch's items, each item's failure in its own answer; rejects when the thread failed. */
  async analyse(task: AnalyseTask): Promise<ProvisionalResult[]> {
    try {
      return await this.piscina().run(task, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const words = { doing: 'analysing the batch', failed: 'the analysis thread failed' };
      throw new Error(threadFailure(error, this.timeoutMs, words), { cause: error });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private piscina(): Piscina<AnalyseTask, ProvisionalResult[]> {
    if (this.threads === 0) throw new Error('the analysis pool has no threads');
    this.pool ??= createThreadPool<AnalyseTask, ProvisionalResult[]>({
      dirname: __dirname,
      filename: __filename,
      file: 'analysis.thread',
      threads: this.threads,
      heapMb: ANALYSE_HEAP_MB,
    });
    return this.pool;
  }
}
