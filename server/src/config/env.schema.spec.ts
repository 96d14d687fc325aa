import { ConfigError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('applies defaults', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.MW_PG_DATA_DIR).toBe('./data/pg');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MW_ALLOW_PRIVATE_HOSTS).toEqual([]);
  });

  it('points MW_PUBLIC_URL at the port the server listens on unless it is set', () => {
    expect(parseEnv({}).MW_PUBLIC_URL).toBe('http://localhost:3000');
    expect(parseEnv({ PORT: '8080' }).MW_PUBLIC_URL).toBe('http://localhost:8080');
    expect(parseEnv({ PORT: '8080', MW_PUBLIC_URL: 'https://mw.govap.edu.vn' }).MW_PUBLIC_URL).toBe(
      'https://mw.govap.edu.vn',
    );
  });

  it('names the variable and what it expects for a bad port', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT must be an integer between 1 and 65535 \(got "abc"\)/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('rejects a database URL of another scheme without echoing it', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://u:secret@h/db' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://u:secret@h/db' })).not.toThrow(/secret/);
  });

  it('refuses a webhook secret shorter than 32 characters without echoing it', () => {
    expect(() => parseEnv({ MW_WEBHOOK_SECRET: 'short-secret' })).toThrow(/MW_WEBHOOK_SECRET must be at least 32/);
    expect(() => parseEnv({ MW_WEBHOOK_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
    expect(parseEnv({ MW_WEBHOOK_SECRET: 'w'.repeat(32) }).MW_WEBHOOK_SECRET).toBe('w'.repeat(32));
  });

  it('takes a metrics scrape token of at least 32 characters, unset by default, without echoing it', () => {
    expect(parseEnv({}).MW_METRICS_TOKEN).toBeUndefined();
    expect(() => parseEnv({ MW_METRICS_TOKEN: 'scrape-me' })).toThrow(/MW_METRICS_TOKEN must be at least 32/);
    expect(() => parseEnv({ MW_METRICS_TOKEN: 'scrape-me' })).not.toThrow(/scrape-me/);
    expect(parseEnv({ MW_METRICS_TOKEN: 's'.repeat(32) }).MW_METRICS_TOKEN).toBe('s'.repeat(32));
  });

  it('parses lists and booleans', () => {
    const env = parseEnv({ MW_ALLOW_PRIVATE_HOSTS: '127.0.0.1, 10.0.0.0/8', MW_SCHEDULER_ENABLED: 'false' });
    expect(env.MW_ALLOW_PRIVATE_HOSTS).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(env.MW_SCHEDULER_ENABLED).toBe(false);
    expect(() => parseEnv({ MW_SCHEDULER_ENABLED: 'maybe' })).toThrow(/MW_SCHEDULER_ENABLED must be true or false/);
  });

  it('parses MW_TRUST_PROXY as Express takes it and refuses anything else in one line', () => {
    expect(parseEnv({}).MW_TRUST_PROXY).toBe(false);
    expect(parseEnv({ MW_TRUST_PROXY: '1' }).MW_TRUST_PROXY).toBe(1);
    expect(parseEnv({ MW_TRUST_PROXY: '0' }).MW_TRUST_PROXY).toBe(false);
    expect(parseEnv({ MW_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).MW_TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(parseEnv({ MW_TRUST_PROXY: '192.168.1.10,172.16.0.0/255.240.0.0' }).MW_TRUST_PROXY).toEqual([
      '192.168.1.10',
      '172.16.0.0/255.240.0.0',
    ]);
    for (const bad of [
      'true',
      'proxy.example',
      '10.0.0.0/33',
      '10.0.0/8',
      '10.0.0.0/255.0.255.0',
      'loopback,,nope',
      '-1',
    ]) {
      expect(() => parseEnv({ MW_TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => parseEnv({ MW_TRUST_PROXY: bad })).toThrow(
        /^Invalid configuration: MW_TRUST_PROXY must be a hop count/,
      );
    }
  });
});
