import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthErrorCode, ErrorCode } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { Clock } from '../../../common/clock/clock';

export const LOGIN_WINDOW_MS = 15 * 60_000;

/** Namespaces of the two-key advisory locks taken by a reservation (e-mail first, then address: no deadlock). */
const EMAIL_LOCK = 764_210_101;
const IP_LOCK = 764_210_102;

/** A sign-in attempt allowed to check its password; it already counts as a failure until `succeeded`. */
export interface LoginReservation {
  attemptId: string;
  email: string;
  /** Set when this attempt used up the last try: a wrong password then answers "locked". */
  locksUntil: Date | null;
}

/**
 * Throttling and lockout of sign-ins, counted in PostgreSQL so every instance sees the same attempts.
 *
 * Every count is taken and raised in one short transaction under advisory locks on the e-mail and the address,
 * before the password is hashed: an attempt is recorded as a failure when it is let through and only turned into a
 * success once its password proved right. Fifty wrong passwords sent at once therefore line up, at most the lockout
 * threshold of them ever reaches argon2, and a right password arriving behind them finds the e-mail already locked.
 *
 * - Per address and per e-mail, failures in a sliding 15-minute window beyond the limits answer 429; those refusals
 *   are not recorded, so the window ends 15 minutes after the last real failure.
 * - Per e-mail, MW_LOGIN_LOCKOUT_AFTER consecutive failures lock it for MW_LOGIN_LOCKOUT_MINUTES (423 with the
 *   minutes left). The count is kept per normalised e-mail whether or not an account has it, and a locked e-mail is
 *   refused before any lookup or hashing, so unknown and locked e-mails answer alike and in the same time.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('auth');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Lets one attempt check its password, or throws 429 (throttled) or 423 (locked). */
  async reserve(email: string, ip: string): Promise<LoginReservation> {
    const env = this.config.env;
    type Outcome =
      | { kind: 'throttled'; overIp: boolean; byIp: number; byEmail: number }
      | { kind: 'locked'; until: Date; now: Date }
      | { kind: 'reserved'; reservation: LoginReservation };
    const outcome = await this.dataSource.transaction(async (m): Promise<Outcome> => {
      const now = this.clock.now();
      await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2)), pg_advisory_xact_lock($3, hashtext($4))`, [
        EMAIL_LOCK,
        email,
        IP_LOCK,
        ip,
      ]);
      const lock = await this.lockState(m, email);
      // Not recorded, like a throttled attempt: it checked nothing, and it must not keep the e-mail's window open
      // after an admin has reset the password.
      if (lock.lockedUntil && lock.lockedUntil > now) return { kind: 'locked', until: lock.lockedUntil, now };
      const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
      const rows: { by_ip: number; by_email: number }[] = await m.query(
        `SELECT
           (SELECT count(*)::int FROM login_attempt WHERE ip = $1 AND at > $3 AND NOT succeeded) AS by_ip,
           (SELECT count(*)::int FROM login_attempt WHERE email = $2 AND at > $3 AND NOT succeeded) AS by_email`,
        [ip, email, since],
      );
      const { by_ip: byIp = 0, by_email: byEmail = 0 } = rows[0] ?? {};
      const overIp = byIp >= env.MW_LOGIN_IP_LIMIT;
      const overEmail = byEmail >= env.MW_LOGIN_ACCOUNT_LIMIT;
      if (overIp || overEmail) return { kind: 'throttled', overIp, byIp, byEmail };

      const attemptId = await this.insertAttempt(m, email, ip, now);
      // An expired lock starts a fresh count, so one mistake after a lock does not lock again at once.
      const failures = (lock.lockedUntil ? 0 : lock.failures) + 1;
      const locksUntil =
        failures >= env.MW_LOGIN_LOCKOUT_AFTER ? new Date(now.getTime() + env.MW_LOGIN_LOCKOUT_MINUTES * 60_000) : null;
      await m.query(
        `INSERT INTO login_lockout (email, failures, locked_until, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET failures = $2, locked_until = $3, updated_at = $4`,
        [email, failures, locksUntil, now],
      );
      return { kind: 'reserved', reservation: { attemptId, email, locksUntil } };
    });
    if (outcome.kind === 'throttled') {
      const { overIp, byIp, byEmail } = outcome;
      this.logger.warn({ msg: 'login throttled', email, ip, failuresByIp: byIp, failuresByEmail: byEmail });
      throw new HttpException(
        {
          code: ErrorCode.TooManyRequests,
          message: `Too many failed sign-ins ${overIp ? 'from this address' : 'for this account'}; try again in 15 minutes`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (outcome.kind === 'locked') {
      this.logger.warn({ msg: 'login failed', email, ip, reason: 'locked' });
      throw lockedError(outcome.until, outcome.now);
    }
    if (outcome.reservation.locksUntil) {
      this.logger.warn({ msg: 'sign-in locked', email, lockedUntil: outcome.reservation.locksUntil.toISOString() });
    }
    return outcome.reservation;
  }

  /** The password was right: the attempt becomes a success and the e-mail's count starts again. */
  async succeeded(reservation: LoginReservation): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE login_attempt SET succeeded = true WHERE id = $1`, [reservation.attemptId]);
      await m.query(`DELETE FROM login_lockout WHERE email = $1`, [reservation.email]);
    });
  }

  /** The 423 for an attempt whose wrong password used up the last try. */
  lockedNow(reservation: LoginReservation): HttpException | null {
    return reservation.locksUntil ? lockedError(reservation.locksUntil, this.clock.now()) : null;
  }

  /** Ends a lock and its count (an admin reset the password). */
  async clear(email: string, m: EntityManager = this.dataSource.manager): Promise<void> {
    await m.query(`DELETE FROM login_lockout WHERE email = $1`, [email]);
  }

  /** When the e-mail's lock ends, or null when it is not locked. */
  async lockedUntil(email: string, m: EntityManager = this.dataSource.manager): Promise<Date | null> {
    const { lockedUntil } = await this.lockState(m, email);
    return lockedUntil && lockedUntil > this.clock.now() ? lockedUntil : null;
  }

  /** The stored count and lock end; a lock end in the past means the lock is over and the count restarts. */
  private async lockState(m: EntityManager, email: string): Promise<{ failures: number; lockedUntil: Date | null }> {
    const rows: { failures: number; locked_until: Date | null }[] = await m.query(
      `SELECT failures, locked_until FROM login_lockout WHERE email = $1`,
      [email],
    );
    return { failures: rows[0]?.failures ?? 0, lockedUntil: rows[0]?.locked_until ?? null };
  }

  private async insertAttempt(m: EntityManager, email: string, ip: string, now: Date): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO login_attempt (email, ip, succeeded, at) VALUES ($1, $2, false, $3) RETURNING id::text AS id`,
      [email, ip, now],
    );
    return (rows[0] as { id: string }).id;
  }
}

function lockedError(until: Date, now: Date): HttpException {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new HttpException(
    {
      code: AuthErrorCode.AccountLocked,
      message: `Too many wrong passwords: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      lockedUntil: until.toISOString(),
      retryAfterMinutes: minutes,
    },
    HttpStatus.LOCKED,
  );
}
