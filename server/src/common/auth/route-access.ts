import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { IS_PUBLIC } from './public.decorator';

/** HTTP verbs in the order of Nest's RequestMethod enum. */
const VERBS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH', 'PROPFIND'];

export interface RouteAccess {
  controller: string;
  handler: string;
  method: string;
  /** Path without the global prefix, with Nest parameters (`units/:code`). */
  path: string;
  access: 'public' | AccessRule | 'none';
}

/**
 * Every HTTP route of a booted application with its access rule, read from the decorators. A route whose access is
 * 'none' is denied to everyone by AccessGuard; the integration suite fails when one exists, so a forgotten
 * decorator is caught before it ships.
 */
export function listRouteAccess(source: INestApplicationContext | ModulesContainer): RouteAccess[] {
  const modules = source instanceof ModulesContainer ? source : source.get(ModulesContainer);
  const reflector = new Reflector();
  const routes: RouteAccess[] = [];
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype;
      if (typeof type !== 'function') continue;
      const base = (Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined) ?? '';
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        if (name === 'constructor') continue;
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (sub === undefined || verb === undefined) continue;
        const targets = [handler, type];
        const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets);
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
        for (const b of ([] as string[]).concat(base)) {
          for (const s of ([] as string[]).concat(sub)) {
            routes.push({
              controller: type.name,
              handler: name,
              method: VERBS[verb] ?? String(verb),
              path: [b, s]
                .map((p) => p.replace(/^\/+|\/+$/g, ''))
                .filter((p) => p.length > 0)
                .join('/'),
              access: isPublic ? 'public' : (rule ?? 'none'),
            });
          }
        }
      }
    }
  }
  return routes;
}
