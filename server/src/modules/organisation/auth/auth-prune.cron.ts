import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AuthRetentionService } from './auth-retention.service';

/** Every hour, at minute 17 (off the hour, away from the other schedules). */
export const AUTH_PRUNE_CRON = '0 17 * * * *';
export const AUTH_PRUNE_JOB = 'auth.prune';

/**
 * Drops old login attempts and spent refresh tokens. Active only where the schedule module runs
 * (MW_SCHEDULER_ENABLED); safe on several instances at once (see AuthRetentionService).
 */
@Injectable()
export class AuthPruneCron {
  private readonly logger = new Logger('auth');

  constructor(private readonly retention: AuthRetentionService) {}

  @Cron(AUTH_PRUNE_CRON, { name: AUTH_PRUNE_JOB })
  async tick(): Promise<void> {
    try {
      await this.retention.prune();
    } catch (err) {
      this.logger.warn(`pruning sign-in records failed: ${String(err)}`);
    }
  }
}
