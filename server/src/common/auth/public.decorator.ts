import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'mw:isPublic';

/** Marks a route reachable without signing in. Every other route is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
