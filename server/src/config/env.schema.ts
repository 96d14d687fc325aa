/**
 * Every environment variable the server reads, with its description, default and parser.
 * The README's configuration table is generated from this list (see tools/print-config.cjs)
 * and a bad value stops the process at boot with one line naming the variable.
 */
import { isIP } from 'node:net';

export interface EnvVarSpec<T> {
  description: string;
  default?: string;
  /** Returns the parsed value or throws an Error whose message says what is expected. */
  parse: (raw: string) => T;
  secret?: boolean;
  /** A default worked out from the other variables' parsed values (then `defaultText` documents it). */
  derivedDefault?: (env: Readonly<Record<string, unknown>>) => string;
  defaultText?: string;
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

/** Express's named subnets for 'trust proxy' (proxy-addr). */
const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_PRESETS.includes(entry) || isIP(entry) !== 0) return true;
  const slash = entry.indexOf('/');
  if (slash < 0) return false;
  const address = entry.slice(0, slash);
  const range = entry.slice(slash + 1);
  const family = isIP(address);
  if (family === 0) return false;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  // proxy-addr also takes a contiguous IPv4 netmask (10.0.0.0/255.0.0.0).
  if (family !== 4 || isIP(range) !== 4) return false;
  const bits = range
    .split('.')
    .map((octet) => Number(octet).toString(2).padStart(8, '0'))
    .join('');
  return /^1*0*$/.test(bits);
}

/**
 * Express's 'trust proxy': empty (trust nobody), a hop count, or proxy addresses, CIDRs and named subnets.
 * `true` (trust every hop) is refused: any client could then choose its own address and evade the login throttle.
 */
const trustProxy = (raw: string): false | number | string[] => {
  const value = raw.trim();
  if (value === '' || value.toLowerCase() === 'false') return false;
  const expected = 'must be a hop count (e.g. 1) or proxy addresses/CIDRs such as loopback or 10.0.0.0/8';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) throw new Error(expected);
    return hops === 0 ? false : hops;
  }
  const entries = list(value);
  if (entries.length === 0 || !entries.every(isProxyAddress)) throw new Error(expected);
  return entries;
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
    description:
      'Public base URL of the dashboard, used in links sent by e-mail and Zalo. Unset: this machine on the port the server listens on (PORT).',
    derivedDefault: (env) => `http://localhost:${String(env.PORT)}`,
    defaultText: 'http://localhost:<PORT>',
    parse: text,
  },
  MW_TRUST_PROXY: {
    description:
      "Reverse proxies whose X-Forwarded-For is believed (Express 'trust proxy'): a hop count such as 1, or comma-separated addresses/CIDRs such as loopback or 10.0.0.0/8. Empty trusts none; the client address then is the TCP peer, as the login throttle and audit log see it.",
    default: '',
    parse: trustProxy,
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
  MW_SEED_SOURCES: {
    description: 'Add the default catalogue of news sources (education sections, Gò Vấp searches) on first start.',
    default: 'true',
    parse: bool,
  },
  MW_POLL_TICK_SECONDS: {
    description: 'How often this instance looks for sources due for polling.',
    default: '15',
    parse: integer(1, 3600),
  },
  MW_POLL_CONCURRENCY: {
    description: 'Sources one instance claims and polls at once per tick.',
    default: '4',
    parse: integer(1, 100),
  },
  MW_ANALYSIS_THREADS: {
    description:
      'Worker threads that analyse stored items on this instance (0: on the event loop). auto: the cores less one, at least 1, at most 4.',
    default: 'auto',
    parse: (raw: string): number | 'auto' => (raw.trim() === 'auto' ? 'auto' : integer(0, 16)(raw)),
  },
  MW_SOURCE_LEASE_SECONDS: {
    description:
      'How long a claimed source stays reserved for the instance polling it; renewed while the poll runs, so another instance takes over only after a crash.',
    default: '300',
    parse: integer(2, 86400),
  },
  MW_SOURCE_BACKOFF_MAX_MINUTES: {
    description: 'Longest wait between retries of a failing source (exponential back-off with jitter up to this cap).',
    default: '360',
    parse: integer(1, 10080),
  },
  MW_FETCH_CONNECT_TIMEOUT_MS: {
    description: 'Connect timeout of every outgoing request made for a source (feed or article page).',
    default: '10000',
    parse: integer(100, 120000),
  },
  MW_FETCH_TOTAL_TIMEOUT_MS: {
    description: 'Total time allowed for one outgoing request, redirects and body included.',
    default: '30000',
    parse: integer(100, 600000),
  },
  MW_FETCH_MAX_BODY_BYTES: {
    description: 'Largest response body read for a source, measured after decompression.',
    default: '10485760',
    parse: integer(1024, 1073741824),
  },
  MW_FETCH_MAX_REDIRECTS: { description: 'Redirects followed per request.', default: '5', parse: integer(0, 20) },
  MW_FETCH_MAX_PER_HOST: {
    description: 'Requests this instance sends to one host at the same time (feeds and article pages).',
    default: '2',
    parse: integer(1, 50),
  },
  MW_INTAKE_MAX_AGE_HOURS: {
    description:
      'On its first run (e.g. when the incidents stage is enabled on an install that already holds mentions), the incident intake skips stored mentions whose article was published, or if that is unknown fetched, more than this many hours earlier, so old coverage opens no tickets. Later mentions are all taken.',
    default: '72',
    parse: integer(1, 87600),
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
  MW_LOGIN_IP_LIMIT: {
    description: 'Failed sign-ins allowed from one IP address within 15 minutes before further attempts get 429.',
    default: '30',
    parse: integer(1, 100000),
  },
  MW_LOGIN_ACCOUNT_LIMIT: {
    description: 'Failed sign-ins allowed for one e-mail, known or not, within 15 minutes before 429.',
    default: '10',
    parse: integer(1, 100000),
  },
  MW_LOGIN_LOCKOUT_AFTER: {
    description: 'Consecutive wrong passwords that lock an account (423 until the lock ends).',
    default: '5',
    parse: integer(1, 1000),
  },
  MW_LOGIN_LOCKOUT_MINUTES: {
    description: 'How long a locked account stays locked, in minutes.',
    default: '15',
    parse: integer(1, 10080),
  },
  SMTP_URL: {
    description: 'SMTP server for e-mail notifications, e.g. smtp://user:pass@host:587.',
    parse: text,
    secret: true,
  },
  MW_SMTP_FROM: {
    description: 'Sender of notification e-mails, e.g. "Media Watch <media-watch@govap.edu.vn>".',
    default: 'Media Watch <media-watch@localhost>',
    parse: text,
  },
  MW_ZALO_ENDPOINT: {
    description: 'Zalo Official Account message API URL for notifications. Empty disables the Zalo channel.',
    default: '',
    parse: text,
  },
  MW_ZALO_TOKEN: {
    description: 'Access token sent in the access_token header of Zalo OA calls.',
    parse: text,
    secret: true,
  },
  MW_WEBHOOK_URL: {
    description: 'URL that receives signed JSON notifications (webhook channel). Empty disables the channel.',
    default: '',
    parse: text,
  },
  MW_WEBHOOK_SECRET: {
    description:
      'Secret of the HMAC-SHA256 signature in the X-MediaWatch-Signature header of webhook calls; at least 32 characters.',
    parse: minLength(32),
    secret: true,
  },
  MW_NOTIFY_TICK_SECONDS: {
    description: 'How often this instance looks for notifications due for delivery (a commit also wakes it at once).',
    default: '5',
    parse: integer(1, 3600),
  },
  MW_NOTIFY_MAX_ATTEMPTS: {
    description: 'Delivery attempts of one notification before it is marked dead.',
    default: '6',
    parse: integer(1, 100),
  },
  MW_NOTIFY_RETRY_BASE_SECONDS: {
    description: 'Wait before the second delivery attempt; each further attempt waits twice as long.',
    default: '30',
    parse: integer(1, 86400),
  },
  MW_NOTIFY_RETRY_MAX_SECONDS: {
    description: 'Longest wait between two delivery attempts.',
    default: '3600',
    parse: integer(1, 604800),
  },
  MW_NOTIFY_LEASE_SECONDS: {
    description:
      'How long a claimed notification stays reserved for the instance sending it; after a crash another instance retries it once this has passed.',
    default: '120',
    parse: integer(5, 86400),
  },
  MW_ACK_LINK_TTL_HOURS: {
    description: 'How long the acknowledge link in an e-mail or Zalo message stays valid.',
    default: '72',
    parse: integer(1, 8760),
  },
  MW_ACK_LINK_SECRET: {
    description: 'Secret that signs acknowledge links. When unset a random one is generated and kept in the database.',
    parse: minLength(32),
    secret: true,
  },
  MW_REALTIME_REPLAY_HOURS: {
    description: 'How long realtime events are kept for clients that reconnect and ask for what they missed.',
    default: '24',
    parse: integer(1, 720),
  },
  MW_METRICS_TOKEN: {
    description:
      'Bearer token a Prometheus scraper presents to GET /api/metrics (office roles may read it signed in); at least 32 characters. Unset: no token access.',
    parse: minLength(32),
    secret: true,
  },
  MW_CHROMIUM: {
    description:
      'Path of a system Chromium or Chrome that renders report PDFs. When unset, the Chromium that npm installs (@sparticuz/chromium) is unpacked into the temp folder and used.',
    parse: text,
  },
  MW_PDF_CONCURRENCY: {
    description:
      'Report PDFs one instance renders at the same time; further requests wait (at most 16 waiting, then 503).',
    default: '2',
    parse: integer(1, 8),
  },
} as const satisfies Record<string, EnvVarSpec<unknown>>;

export type EnvSchema = typeof ENV_SCHEMA;
export type EnvName = keyof EnvSchema;
type Parsed<K extends EnvName> = ReturnType<EnvSchema[K]['parse']>;
export type AppEnv = {
  [K in EnvName]: EnvSchema[K] extends { default: string } | { derivedDefault: unknown }
    ? Parsed<K>
    : Parsed<K> | undefined;
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
  const specs = Object.entries(ENV_SCHEMA) as [EnvName, EnvVarSpec<unknown>][];
  // Variables whose default is worked out from others come after those.
  const ordered = [...specs.filter(([, s]) => !s.derivedDefault), ...specs.filter(([, s]) => s.derivedDefault)];
  for (const [name, spec] of ordered) {
    const raw = source[name];
    const value = raw === undefined || raw === '' ? (spec.derivedDefault?.(result) ?? spec.default) : raw;
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
