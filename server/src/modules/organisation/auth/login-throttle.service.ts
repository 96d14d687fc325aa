import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode } from '@mw/shared';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { Clock } from '../../../common/clock/clock';

export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * Sliding-window throttling of sign-in failures per IP address and per e-mail, counted in PostgreSQL so every
 * instance sees the same attempts. Refused attempts are not recorded, so the window ends 15 minutes after the
 * last real failure.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('auth');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - LOGIN_WINDOW_MS);
    const rows: { by_ip: number; by_email: number }[] = await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM login_attempt WHERE ip = $1 AND at > $3 AND NOT succeeded) AS by_ip,
         (SELECT count(*)::int FROM login_attempt WHERE email = $2 AND at > $3 AND NOT succeeded) AS by_email`,
      [ip, email, since],
    );
    const { by_ip: byIp = 0, by_email: byEmail = 0 } = rows[0] ?? {};
    const overIp = byIp >= this.config.env.MW_LOGIN_IP_LIMIT;
    const overEmail = byEmail >= this.config.env.MW_LOGIN_ACCOUNT_LIMIT;
    if (!overIp && !overEmail) return;
    this.logger.warn({ msg: 'login throttled', email, ip, failuresByIp: byIp, failuresByEmail: byEmail });
    throw new HttpException(
      {
        code: ErrorCode.TooManyRequests,
        message: `Too many failed sign-ins ${overIp ? 'from this address' : 'for this account'}; try again in 15 minutes`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    await this.dataSource.query(`INSERT INTO login_attempt (email, ip, succeeded, at) VALUES ($1, $2, $3, $4)`, [
      email,
      ip,
      succeeded,
      this.clock.now(),
    ]);
  }
}
