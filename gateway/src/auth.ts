import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { PUBLIC_IDENTITY, toIdentity, InvalidTokenError, VerifiedTokens, type Identity } from '@pcc/http';

export interface AuthSettings {
  secret: string;
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Longest `exp - iat` accepted: a stolen long-lived token stays useful for at most this long. */
  maxLifetimeSeconds: number;
  /** Skew allowed between the identity provider's clock and ours. */
  clockToleranceSeconds: number;
}

/**
 * Turns the caller's `Authorization` header into an Identity: no header = PUBLIC; a valid JWT =
 * its `sub`, `role` and `org`; anything else (bad signature, expired, unknown role) is rejected,
 * never downgraded to PUBLIC, so a client with a broken token finds out.
 */
export class Authenticator {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly verified: VerifiedTokens;

  constructor(private readonly settings: AuthSettings) {
    this.key = settings.jwksUrl
      ? createRemoteJWKSet(new URL(settings.jwksUrl))
      : new TextEncoder().encode(settings.secret);
    this.verified = new VerifiedTokens(settings.clockToleranceSeconds * 1000);
  }

  async identify(authorization: string | undefined): Promise<Identity> {
    if (authorization === undefined || authorization.trim() === '') return PUBLIC_IDENTITY;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new InvalidTokenError('Authorization must be "Bearer <token>"');
    return this.verified.identity(match[1]!, () => this.verify(match[1]!));
  }

  private async verify(token: string): Promise<{ identity: Identity; exp: number }> {
    try {
      const options = {
        algorithms: this.settings.jwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : ['HS256'],
        // A token without an expiry would be valid forever.
        requiredClaims: ['exp'],
        clockTolerance: this.settings.clockToleranceSeconds,
        ...(this.settings.issuer ? { issuer: this.settings.issuer } : {}),
        ...(this.settings.audience ? { audience: this.settings.audience } : {}),
      };
      const { payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options);
      // Without `iat`, the lifetime left is counted from now.
      const issuedAt = payload.iat ?? Math.floor(Date.now() / 1000);
      if (payload.exp! - issuedAt > this.settings.maxLifetimeSeconds)
        throw new InvalidTokenError('token lifetime exceeds the maximum');
      return { identity: toIdentity(payload), exp: payload.exp! };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError(
        (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token',
      );
    }
  }
}
