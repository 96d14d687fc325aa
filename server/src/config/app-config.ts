import { AppEnv, parseEnv } from './env.schema';

/**
 * The validated configuration, injected wherever settings are needed: no other file reads process.env.
 * `database.url` is filled in at boot once the embedded PostgreSQL (if any) is running.
 */
export class AppConfig {
  constructor(
    readonly env: AppEnv,
    readonly databaseUrl: string,
  ) {}

  static fromProcess(databaseUrl: string): AppConfig {
    return new AppConfig(parseEnv(process.env), databaseUrl);
  }
}
