import { Init1764200000000 } from './1764200000000-init';

/** Every migration, in order. Listed as classes so the same list works from ts (Jest) and dist (node). */
export const MIGRATIONS = [Init1764200000000];
