/**
 * Keeps `login_attempt` and `refresh_token` from growing forever.
 *
 * - Login attempts are read only by LoginThrottle, over the last LOGIN_WINDOW_MS (15 minutes); they are kept a day,
 *   well past that window, so the throttle and anyone looking into a burst of failures still see them.
 * - Refresh tokens go 7 days after they expired or were revoked. Reuse detection keys on `rotated_at` of a token
 *   that is neither revoked nor deleted: a rotated token stays until 7 days after its own expiry (30 days after it
 *   was issued), so presenting a copied token still revokes its family for as long as the copy could have been used.
 *   A revoked token is refused whether its row exists or not, so dropping it changes no answer.
 *
 * - Lockout counts (`login_lockout`) go a day after their last change once no lock is running: a count that old
 *   says nothing about consecutive failures any more.
 *
 * Deletes run in bounded batches, each its own statement, and skip rows another instance is deleting, so several
 * instances pruning at once neither wait on each other nor hold long locks.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import { LOGIN_WINDOW_MS } from './login-throttle.service';

export const LOGIN_ATTEMPT_RETENTION_MS = Math.max(24 * 3600_000, LOGIN_WINDOW_MS);
export const REFRESH_TOKEN_RETENTION_MS = 7 * 24 * 3600_000;
/** Rows deleted per statement. */
export const PRUNE_BATCH_SIZE = 5000;

export interface AuthPruneResult {
  loginAttempts: number;
  refreshTokens: number;
}

@Injectable()
export class AuthRetentionService {
  private readonly logger = new Logger('auth');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async prune(batchSize = PRUNE_BATCH_SIZE): Promise<AuthPruneResult> {
    const now = this.clock.now().getTime();
    const attemptsBefore = new Date(now - LOGIN_ATTEMPT_RETENTION_MS);
    const tokensBefore = new Date(now - REFRESH_TOKEN_RETENTION_MS);
    const loginAttempts = await this.deleteInBatches(
      `DELETE FROM login_attempt WHERE id IN (
         SELECT id FROM login_attempt WHERE at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      attemptsBefore,
      batchSize,
    );
    const refreshTokens = await this.deleteInBatches(
      `DELETE FROM refresh_token WHERE id IN (
         SELECT id FROM refresh_token WHERE expires_at < $1 OR revoked_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      tokensBefore,
      batchSize,
    );
    await this.deleteInBatches(
      `DELETE FROM login_lockout WHERE email IN (
         SELECT email FROM login_lockout WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $1)
         LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      attemptsBefore,
      batchSize,
    );
    if (loginAttempts + refreshTokens > 0) {
      this.logger.log({ msg: 'pruned sign-in records', loginAttempts, refreshTokens });
    }
    return { loginAttempts, refreshTokens };
  }

  private async deleteInBatches(sql: string, before: Date, batchSize: number): Promise<number> {
    let total = 0;
    for (;;) {
      // TypeORM answers a DELETE with [rows, count].
      const result: [unknown[], number] = await this.dataSource.query(sql, [before, batchSize]);
      total += result[1];
      if (result[1] < batchSize) return total;
    }
  }
}
