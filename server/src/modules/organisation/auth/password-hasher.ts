import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane): about 0.1 s per hash on the 2-core servers. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

/**
 * argon2 runs on libuv's thread pool (4 threads by default), which DNS look-ups, gzip and file reads of feed polling
 * share: a burst of sign-ins must not take all of them. Further hashes wait their turn in arrival order.
 */
export const MAX_CONCURRENT_HASHES = 2;

@Injectable()
export class PasswordHasher {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most argon2 operations seen running at once (for tests and metrics). */
  peakConcurrency = 0;

  hash(password: string): Promise<string> {
    return this.limited(() => argon2.hash(password, OPTIONS));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.limited(() => argon2.verify(hash, password));
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as a real verification when the account does not exist, so response times do not tell
   * which e-mails are registered.
   */
  async verifyNothing(password: string): Promise<false> {
    await this.limited(() => argon2.hash(password, OPTIONS));
    return false;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    // A finishing operation hands its slot straight to the next waiter, so a newcomer cannot slip in between.
    if (this.active >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peakConcurrency = Math.max(this.peakConcurrency, this.active);
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
