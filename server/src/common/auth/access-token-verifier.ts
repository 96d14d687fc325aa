import type { AuthUser } from './auth-user';

/**
 * Turns a bearer token into the signed-in person, or throws UnauthorizedException. Provided by the organisation
 * module (AuthService); the realtime gateway uses the same verifier at the socket handshake.
 */
export abstract class AccessTokenVerifier {
  abstract verify(token: string): Promise<AuthUser>;
}
