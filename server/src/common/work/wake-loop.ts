/**
 * "Wake, run again if woken meanwhile, stop on close": the one loop behind every background worker that is woken
 * by events and timers (the analysis drain, the incident intake, notification delivery).
 *
 * `wake()` starts a run, or, while one runs, marks it woken and returns the running one's promise, so callers never
 * start a second run in parallel and a wake-up during a run is never lost: the run does one more pass. A run is a
 * series of passes; it goes on while a pass says there is more at once (a full batch) or a wake-up came during it,
 * up to `maxRounds`, and never after `close()`. `close()` refuses new runs and waits for the running one, so it can
 * commit before the database pool closes.
 */
export interface WakeLoopOptions<T> {
  /** One pass over the work; true when there is more to do at once (say a full batch). */
  pass: (result: T, round: number) => Promise<boolean>;
  /** A fresh result for each run, which the passes fill in (default: undefined). */
  result?: () => T;
  /** Passes in one run at most (default: no limit). */
  maxRounds?: number;
  /** Where a failed pass's error goes; the run then ends with what it had. Without it, the run's promise rejects. */
  onError?: (error: unknown) => void;
}

export class WakeLoop<T = void> {
  private running: Promise<T> | null = null;
  private woken = false;
  private closed = false;

  constructor(private readonly options: WakeLoopOptions<T>) {}

  /** Whether close() was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Starts a run, or asks the running one for another pass; resolves with the result of the run it joined. */
  wake(): Promise<T> {
    if (this.closed) return Promise.resolve(this.fresh());
    if (this.running) {
      this.woken = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Takes no more wake-ups and waits for the running run to end. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
  }

  private fresh(): T {
    return this.options.result ? this.options.result() : (undefined as T);
  }

  private async run(): Promise<T> {
    const result = this.fresh();
    const max = this.options.maxRounds ?? Number.POSITIVE_INFINITY;
    try {
      for (let round = 0; round < max && !this.closed; round++) {
        this.woken = false;
        const more = await this.options.pass(result, round);
        if (!more && !this.woken) break;
      }
    } catch (error) {
      if (!this.options.onError) throw error;
      this.options.onError(error);
    }
    return result;
  }
}
