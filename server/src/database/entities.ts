/** Every TypeORM entity, listed as classes (see migrations/index.ts for why not globs). */
export const ENTITIES: Function[] = [];
