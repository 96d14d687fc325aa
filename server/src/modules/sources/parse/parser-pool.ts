/**
 * Parsing on worker threads (piscina), so a huge or hostile feed or page never stalls the event loop: HTTP answers,
 * sockets and timers go on while it is read. Threads start on the first task and stop after a minute idle. Each task
 * has a time limit and each thread a heap limit; a task over either is abandoned (its thread is replaced) and
 * reported as an error of that document only. The threads run parse.worker (common/work/thread-pool.ts).
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Piscina } from 'piscina';
import { createThreadPool, defaultThreads, threadFailure } from '../../../common/work/thread-pool';
import type { ArticleText } from '../extract/article-text';
import type { DocumentParser, DocumentTarget } from './document-parser';
import { ParseError } from './parse-error';
import type { ParsedItem } from './parsed-item';
import type { ParseAnswer, ParseTask } from './parse.worker';

/** Longest one document may take to parse; bounded documents take a few seconds at worst. */
export const PARSE_TIMEOUT_MS = 60_000;
/** Heap of one parsing thread: a 10 MB document's tree fits several times over. */
export const PARSE_HEAP_MB = 768;

export interface ParserPoolOptions {
  threads?: number;
  timeoutMs?: number;
}

@Injectable()
export class ParserPool implements DocumentParser, OnApplicationShutdown {
  private pool: Piscina<ParseTask, ParseAnswer> | undefined;
  private readonly threads: number;
  private readonly timeoutMs: number;

  constructor(options: ParserPoolOptions = {}) {
    this.threads = options.threads ?? defaultThreads();
    this.timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS;
  }

  async parseDocument(
    body: Uint8Array,
    contentType: string | undefined,
    target: DocumentTarget,
  ): Promise<ParsedItem[]> {
    const answer = await this.run({ task: 'document', body, contentType, target });
    return answer.items ?? [];
  }

  async extractArticle(body: Uint8Array, contentType: string | undefined, url: string): Promise<ArticleText> {
    const answer = await this.run({ task: 'article', body, contentType, url });
    return answer.article ?? { text: '' };
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private async run(task: ParseTask): Promise<Extract<ParseAnswer, { ok: true }>> {
    let answer: ParseAnswer;
    try {
      answer = await this.piscina().run(task, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const words = { doing: 'parsing the document', failed: 'the parser failed' };
      throw new Error(threadFailure(error, this.timeoutMs, words), { cause: error });
    }
    if (answer.ok) return answer;
    if (answer.code) throw new ParseError(answer.code, answer.message);
    throw new Error(answer.message);
  }

  private piscina(): Piscina<ParseTask, ParseAnswer> {
    this.pool ??= createThreadPool<ParseTask, ParseAnswer>({
      dirname: __dirname,
      filename: __filename,
      file: 'parse.worker',
      threads: this.threads,
      heapMb: PARSE_HEAP_MB,
    });
    return this.pool;
  }
}
