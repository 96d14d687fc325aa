/**
 * Every environment variable the server reads, with its description, default and parser.
 * The README's configuration table is generated from this list (see tools/print-config.cjs)
 * and a bad value stops the process at boot with one line naming the variable.
 */
export interface EnvVarSpec<T> {
  description: string;
  default?: string;
  /** Returns the parsed value or throws an Error whose message says what is expected. */
  parse: (raw: string) => T;
  secret?: boolean;
}

const integer =
  (min: number, max: number) =>
  (raw: string): number => {
    if (!/^\d+$/.test(raw.trim())) throw new Error(`must be an integer between ${min} and ${max}`);
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`must be an integer between ${min} and ${max}`);
    return n;
  };

const text = (raw: string): string => raw;

const postgresUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL like postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('must be a postgres:// or postgresql:// URL');
  }
  return raw;
};

const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): T => {
    if (!(values as string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
    return raw as T;
  };

const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const bool = (raw: string): boolean => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  throw new Error('must be true or false');
};

const minLength =
  (n: number) =>
  (raw: string): string => {
    if (raw.length < n) throw new Error(`must be at least ${n} characters long`);
    return raw;
  };

export const ENV_SCHEMA = {
  PORT: { description: 'HTTP port of the API and dashboard.', default: '3000', parse: integer(1, 65535) },
  HOST: { description: 'Interface the HTTP server listens on.', default: '0.0.0.0', parse: text },
  DATABASE_URL: {
    description: 'PostgreSQL connection URL. When unset, an embedded PostgreSQL is started (see MW_PG_DATA_DIR).',
    parse: postgresUrl,
    secret: true,
  },
  MW_PG_DATA_DIR: {
    description: 'Data folder of the embedded PostgreSQL (used only without DATABASE_URL); kept between runs.',
    default: './data/pg',
    parse: text,
  },
  MW_PG_PORT: {
    description: 'Port of the embedded PostgreSQL; 0 picks a free port (never 5432).',
    default: '0',
    parse: integer(0, 65535),
  },
  MW_DB_POOL_SIZE: { description: 'Connections in the database pool.', default: '10', parse: integer(1, 200) },
  LOG_LEVEL: {
    description: 'Lowest level written to the JSON log: debug, info, warn or error.',
    default: 'info',
    parse: oneOf('debug', 'info', 'warn', 'error'),
  },
  MW_WEB_DIST: {
    description: 'Folder of the built dashboard served at /. Empty to serve none.',
    default: './web/dist',
    parse: text,
  },
  MW_PUBLIC_URL: {
    description: 'Public base URL of the dashboard, used in links sent by e-mail and Zalo.',
    default: 'http://localhost:3000',
    parse: text,
  },
  MW_CORS_ORIGIN: {
    description: 'Origins allowed by CORS, comma-separated. Empty allows only same-origin requests.',
    default: '',
    parse: list,
  },
  MW_ALLOW_PRIVATE_HOSTS: {
    description:
      'Hosts or CIDRs that source fetching may reach although private or loopback (SSRF guard allow-list), comma-separated.',
    default: '',
    parse: list,
  },
  MW_SCHEDULER_ENABLED: {
    description: 'Run the polling, escalation and delivery schedules in this instance.',
    default: 'true',
    parse: bool,
  },
  MW_JWT_SECRET: {
    description: 'Secret that signs access tokens. When unset a random one is generated and kept in the database.',
    parse: minLength(32),
    secret: true,
  },
  MW_ADMIN_EMAIL: { description: 'E-mail of the first admin, created on first start.', parse: text },
  MW_ADMIN_PASSWORD: {
    description: 'Password of the first admin, created on first start.',
    parse: minLength(10),
    secret: true,
  },
  SMTP_URL: { description: 'SMTP server for e-mail notifications, e.g. smtp://user:pass@host:587.', parse: text, secret: true },
} as const satisfies Record<string, EnvVarSpec<unknown>>;

export type EnvSchema = typeof ENV_SCHEMA;
export type EnvName = keyof EnvSchema;
type Parsed<K extends EnvName> = ReturnType<EnvSchema[K]['parse']>;
export type AppEnv = {
  [K in EnvName]: EnvSchema[K] extends { default: string } ? Parsed<K> : Parsed<K> | undefined;
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expectation: string,
    readonly value: string,
  ) {
    super(`Invalid configuration: ${variable} ${expectation} (got "${value}")`);
  }
}

/** Parses every variable; throws ConfigError for the first bad one. */
export function parseEnv(source: NodeJS.ProcessEnv): AppEnv {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(ENV_SCHEMA) as [EnvName, EnvVarSpec<unknown>][]) {
    const raw = source[name];
    const value = raw === undefined || raw === '' ? spec.default : raw;
    if (value === undefined) {
      result[name] = undefined;
      continue;
    }
    try {
      result[name] = spec.parse(value);
    } catch (err) {
      const shown = spec.secret ? '***' : value;
      throw new ConfigError(name, err instanceof Error ? err.message : String(err), shown);
    }
  }
  return result as AppEnv;
}
