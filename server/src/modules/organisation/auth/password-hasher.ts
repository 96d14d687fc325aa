import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane): about 0.1 s per hash on the 2-core servers. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as a real verification when the account does not exist, so response times do not tell
   * which e-mails are registered.
   */
  async verifyNothing(password: string): Promise<false> {
    await argon2.hash(password, OPTIONS);
    return false;
  }
}
