import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '@mw/shared';
import type { Request } from 'express';

/** The signed-in person as the guard loaded it for this request: active role assignments with their unit codes. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: { role: Role; unitCode: string; deputy: boolean }[];
}

/** Who performs a write and from where: what the audit log records. `user` is null for system actions. */
export interface Actor {
  user: AuthUser | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { user: null, ip: null };

export type AuthenticatedRequest = Request & { user?: AuthUser };

/** The signed-in person of the request (set by AccessGuard). Undefined only on @Public() routes. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
});

/** The person and client address of the request, for AuditService.record. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  return actorOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>());
});

export function actorOf(req: AuthenticatedRequest): Actor {
  return { user: req.user ?? null, ip: req.ip ?? req.socket?.remoteAddress ?? null };
}
