import type { AuthUser } from './auth-user';

/**
 * Turns a bearer token into the signed-in person, or throws UnauthorizedException. Provided by the organisation
 * module (AuthService); the realtime gateway uses the same verifier at the socket handshake.
 */
export abstract class AccessTokenVerifier {
  abstract verify(token: string): Promise<AuthUser>;

  /**
   * When a token that verify() accepted stops being valid, or null when the verifier cannot tell. The gateway
   * disconnects a socket then, since its handshake token is checked only once.
   */
  expiresAt(_token: string): Date | null {
    return null;
  }
}
