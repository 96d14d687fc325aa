/** Counts in-flight requests per host and queues the rest, so one outlet never sees more than `max` at once. */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly max: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  inFlight(host: string): number {
    return this.active.get(host) ?? 0;
  }

  private acquire(host: string): Promise<void> {
    const count = this.active.get(host) ?? 0;
    if (count < this.max) {
      this.active.set(host, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(host) ?? [];
      queue.push(resolve);
      this.waiting.set(host, queue);
    });
  }

  private release(host: string): void {
    const queue = this.waiting.get(host);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.waiting.delete(host);
    // The slot passes straight to the next waiter, so the count stays the same.
    if (next) {
      next();
      return;
    }
    const count = (this.active.get(host) ?? 1) - 1;
    if (count <= 0) this.active.delete(host);
    else this.active.set(host, count);
  }
}
