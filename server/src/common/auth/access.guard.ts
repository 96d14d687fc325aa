import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@mw/shared';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { ACCESS_RULE, AccessRule, SCRAPE_TOKEN } from './access.decorators';
import { AccessTokenVerifier } from './access-token-verifier';
import type { AuthenticatedRequest } from './auth-user';
import { IS_PUBLIC } from './public.decorator';
import { withRoles } from './scope';

/**
 * The one guard on every HTTP route (APP_GUARD), deny by default: @Public() routes pass; every other route needs a
 * valid bearer token and an access rule (@Roles or @Authenticated), else 403. A @Roles route is open to a person
 * holding one of its roles at some unit, and its handler receives the person with those grants only (role and
 * unit together), so a role held elsewhere widens nothing; the handler then checks the unit of what it touches.
 * Socket.io traffic is not HTTP: the realtime gateway verifies the token at the handshake and asks canJoinRoom for each
 * room. A @ScrapeToken() route (GET /api/metrics) also admits MW_METRICS_TOKEN as the bearer token, with no person
 * behind it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('access');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
    @Optional() private readonly config?: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new UnauthorizedException({ code: ErrorCode.Unauthenticated, message: 'Sign in first' });
    if (this.reflector.getAllAndOverride<boolean>(SCRAPE_TOKEN, targets) && this.isScrapeToken(token)) return true;
    const user = await this.verifier.verify(token);
    req.user = user;

    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    if (!rule) {
      this.logger.error({ msg: 'route without access rule denied', method: req.method, path: req.path });
      throw new ForbiddenException({ code: ErrorCode.Forbidden, message: 'This route has no access rule' });
    }
    if (rule.kind === 'authenticated') return true;
    if (user.roles.some((r) => rule.roles.includes(r.role))) {
      // The route sees only the grants it admits: a role counts at the unit it was granted at, so every scope
      // decision inside (unitCodesFor, a ticket's visibility) is made from the pairs this route allows and never
      // from another role held elsewhere.
      req.user = withRoles(user, rule.roles);
      return true;
    }
    this.logger.warn({
      msg: 'role refused',
      personId: user.id,
      method: req.method,
      path: req.path,
      held: user.roles.map((r) => r.role),
    });
    throw new ForbiddenException({ code: ErrorCode.Forbidden, message: 'Your roles do not allow this' });
  }

  private isScrapeToken(token: string): boolean {
    const expected = this.config?.env.MW_METRICS_TOKEN;
    return expected !== undefined && sameSecret(token, expected);
  }
}

/** Equal strings, in a time that depends on neither (both hashed to 32 bytes first, so lengths do not leak). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
