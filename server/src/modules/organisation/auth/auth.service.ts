import { BadRequestException, Injectable, Logger, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AuthErrorCode, ErrorCode, type ChangePasswordRequest, type LoginResponse, type TokenPair } from '@mw/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AccessTokenVerifier } from '../../../common/auth/access-token-verifier';
import type { Actor, AuthUser } from '../../../common/auth/auth-user';
import { Clock } from '../../../common/clock/clock';
import { DomainEventBus } from '../../../common/events/domain-events';
import { AppConfig } from '../../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { PersonEntity } from '../people/person.entity';
import { normaliseEmail } from '../people/person.mapper';
import { PeopleService } from '../people/people.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokenStore } from './refresh-token.store';
import { sharedSecret } from '../../../common/database/app-settings';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Absolute lifetime of a signed-in session (a refresh-token family), counted from sign-in. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;
const JWT_SECRET_SETTING = 'jwt_secret';

interface AccessClaims {
  sub: string;
  typ: 'access';
  iat: number;
  exp: number;
  /** The session (refresh-token family) the token was issued for; absent on tokens the server mints for itself. */
  sid?: string;
}

/**
 * Sign-in: argon2id passwords, 15-minute HS256 access tokens, rotating refresh tokens grouped in families (reuse of
 * an exchanged token revokes the family, since it means the token was copied), lockout after repeated failures.
 * The signing secret is MW_JWT_SECRET or one generated once into app_setting, so all instances share it.
 */
@Injectable()
export class AuthService extends AccessTokenVerifier implements OnModuleInit {
  private readonly logger = new Logger('auth');
  private secret = '';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly people: PeopleService,
    private readonly tokens: RefreshTokenStore,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    const configured = this.config.env.MW_JWT_SECRET;
    if (configured) {
      this.secret = configured;
      return;
    }
    this.secret = await sharedSecret(this.dataSource, JWT_SECRET_SETTING);
    if (this.secret.length < 32) throw new Error('the stored JWT secret is missing or too short');
  }

  async login(rawEmail: string, password: string, ip: string): Promise<LoginResponse> {
    const email = normaliseEmail(rawEmail);
    // Counted before hashing (see LoginThrottle): throws 429 or 423, for unknown and real e-mails alike.
    const reservation = await this.throttle.reserve(email, ip);
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ email });

    if (!person || !person.active || !person.passwordHash) {
      await this.hasher.verifyNothing(password);
      this.logger.warn({
        msg: 'login failed',
        email,
        ip,
        reason: person ? 'inactive or without password' : 'unknown e-mail',
      });
      throw this.throttle.lockedNow(reservation) ?? invalidCredentials();
    }
    if (!(await this.hasher.verify(person.passwordHash, password))) {
      this.logger.warn({ msg: 'login failed', email, ip, reason: 'wrong password' });
      throw this.throttle.lockedNow(reservation) ?? invalidCredentials();
    }

    await this.throttle.succeeded(reservation);
    const pair = await this.issuePair(person.id, randomUUID(), this.dataSource.manager);
    return { ...pair, user: await this.people.me(person.id) };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const row = await m.findOne(RefreshTokenEntity, {
        where: { tokenHash: sha256(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.revokedAt) return { error: invalidRefresh() };
      if (row.rotatedAt) {
        await this.tokens.revokeFamily(row.familyId, now, m);
        this.logger.warn({
          msg: 'refresh token reused; family revoked',
          personId: row.personId,
          familyId: row.familyId,
        });
        return {
          revokedFor: row.personId,
          error: new UnauthorizedException({
            code: AuthErrorCode.RefreshTokenReused,
            message: 'This session was signed out because its refresh token was used twice; sign in again',
          }),
        };
      }
      if (row.expiresAt <= now) return { error: invalidRefresh() };
      if (!(await this.people.loadAuthUser(row.personId))) {
        await this.tokens.revokeFamily(row.familyId, now, m);
        return { error: invalidRefresh() };
      }
      row.rotatedAt = now;
      await m.save(row);
      // The new token inherits the family's end: a session lasts REFRESH_TOKEN_TTL_MS from sign-in however often
      // it is renewed, so a stolen refresh token cannot be kept alive for ever by using it.
      return { pair: await this.issuePair(row.personId, row.familyId, m, row.expiresAt) };
    });
    // The family revocation must commit even though the request fails, hence the error travels out of the transaction.
    if ('error' in outcome) {
      if (outcome.revokedFor) this.events.emit('person.access_changed', { personId: outcome.revokedFor });
      throw outcome.error;
    }
    return outcome.pair;
  }

  /** Revokes the family of the given refresh token (if it is the caller's), or every session of the caller. */
  async logout(user: AuthUser, refreshToken?: string): Promise<void> {
    const now = this.clock.now();
    if (!refreshToken) {
      await this.tokens.revokeAllOf(user.id, now);
    } else {
      const row = await this.dataSource
        .getRepository(RefreshTokenEntity)
        .findOneBy({ tokenHash: sha256(refreshToken) });
      if (!row || row.personId !== user.id) return;
      await this.tokens.revokeFamily(row.familyId, now);
    }
    this.events.emit('person.access_changed', { personId: user.id });
  }

  /** Changes the password, signs out every other session and returns a fresh pair for this one. */
  async changePassword(actor: Actor & { user: AuthUser }, req: ChangePasswordRequest): Promise<TokenPair> {
    const person = await this.dataSource.getRepository(PersonEntity).findOneByOrFail({ id: actor.user.id });
    if (!person.passwordHash || !(await this.hasher.verify(person.passwordHash, req.currentPassword))) {
      throw new BadRequestException({
        code: ErrorCode.ValidationFailed,
        field: 'currentPassword',
        message: 'currentPassword is not the current password',
      });
    }
    const hash = await this.hasher.hash(req.newPassword);
    const pair = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      await m.query(`UPDATE person SET password_hash = $2 WHERE id = $1`, [person.id, hash]);
      await this.throttle.clear(person.email, m);
      await this.tokens.revokeAllOf(person.id, now, m);
      await this.audit.record(
        actor,
        { action: 'person.password_change', entityType: 'person', entityId: person.id },
        m,
      );
      return this.issuePair(person.id, randomUUID(), m);
    });
    this.events.emit('person.access_changed', { personId: person.id });
    return pair;
  }

  /**
   * A signed access token for a person; tests and the CLI use it too. Issued for a session (`sessionId`, the
   * refresh-token family), it dies with that session: signing out, a password change or deactivation ends it at once
   * rather than up to 15 minutes later.
   */
  issueAccessToken(personId: string, sessionId?: string): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return this.jwt.sign(
      { sub: personId, typ: 'access', iat, ...(sessionId ? { sid: sessionId } : {}) },
      { secret: this.secret, algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
    );
  }

  async verify(token: string): Promise<AuthUser> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.secret,
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch (err) {
      const expired = err instanceof Error && err.name === 'TokenExpiredError';
      throw new UnauthorizedException({
        code: AuthErrorCode.InvalidToken,
        message: expired ? 'Access token expired; refresh it' : 'Invalid access token',
      });
    }
    const user = claims.typ === 'access' ? await this.people.loadAuthUser(claims.sub) : null;
    if (!user) throw new UnauthorizedException({ code: AuthErrorCode.InvalidToken, message: 'Invalid access token' });
    if (claims.sid !== undefined && !(await this.sessionLives(claims.sid, user.id))) {
      throw new UnauthorizedException({ code: AuthErrorCode.InvalidToken, message: 'This session has ended' });
    }
    return user;
  }

  override expiresAt(token: string): Date | null {
    const claims: unknown = this.jwt.decode(token);
    const exp = (claims as Partial<AccessClaims> | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : null;
  }

  /** A session lives while its refresh-token family is neither revoked nor past its absolute end. */
  private async sessionLives(sessionId: string, personId: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM refresh_token WHERE family_id = $1 AND person_id = $2 AND revoked_at IS NULL AND expires_at > $3
       LIMIT 1`,
      [sessionId, personId, this.clock.now()],
    );
    return rows.length > 0;
  }

  private async issuePair(
    personId: string,
    familyId: string,
    m: EntityManager,
    familyExpiresAt?: Date,
  ): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    await m.insert(RefreshTokenEntity, {
      personId,
      familyId,
      tokenHash: sha256(refreshToken),
      issuedAt: now,
      expiresAt: familyExpiresAt ?? new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
      rotatedAt: null,
      revokedAt: null,
    });
    return {
      accessToken: this.issueAccessToken(personId, familyId),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    };
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function invalidCredentials(): UnauthorizedException {
  return new UnauthorizedException({ code: AuthErrorCode.InvalidCredentials, message: 'Wrong e-mail or password' });
}

function invalidRefresh(): UnauthorizedException {
  return new UnauthorizedException({ code: AuthErrorCode.InvalidToken, message: 'Invalid or expired refresh token' });
}
