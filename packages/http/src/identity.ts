import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { VerifiedTokens } from './verified-tokens';

/** Who is asking (DESIGN §1). `org` is the organization code of an LGO officer, else null. */
export type Role = 'PUBLIC' | 'LGO_OFFICER' | 'NETWORK_ADMIN' | 'ANALYST';
export const ROLES: readonly Role[] = ['PUBLIC', 'LGO_OFFICER', 'NETWORK_ADMIN', 'ANALYST'];

export interface Identity {
  sub: string;
  role: Role;
  org: string | null;
}

export const PUBLIC_IDENTITY: Identity = Object.freeze({ sub: 'anonymous', role: 'PUBLIC', org: null });

/** The internal secret `npm start` uses; every process refuses it when NODE_ENV=production. */
/**
 * The `actor` of an event: who made the change (user id, role, and the org code of officers). A
 * background job of the service (`system`) is recorded with the role SYSTEM.
 */
export const eventActor = (identity: Identity, system = false) => ({
  sub: identity.sub,
  role: system ? ('SYSTEM' as const) : identity.role,
  org: identity.org,
});

export const DEV_INTERNAL_SECRET = 'pcc-development-internal-secret-not-for-production';

const ISSUER = 'pcc-gateway';
const CLOCK_TOLERANCE_SECONDS = 30;
const AUDIENCE = 'pcc-subgraphs';

/**
 * The gateway → subgraph identity: a short-lived HS256 JWT signed with a key only the gateway
 * and the subgraphs hold. Subgraphs trust nothing else, so no request can skip the gateway's
 * authentication by calling a subgraph directly.
 */
export class InternalTokens {
  private readonly key: Uint8Array;
  private readonly verified = new VerifiedTokens(CLOCK_TOLERANCE_SECONDS * 1000);

  constructor(
    secret: string,
    private readonly ttlSeconds = 60,
  ) {
    if (secret.length < 32) throw new Error('the internal token secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  sign(identity: Identity): Promise<string> {
    return new SignJWT({ role: identity.role, org: identity.org })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(identity.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The identity in a valid token; throws InvalidTokenError otherwise (bad signature, expired, malformed). */
  verify(token: string): Promise<Identity> {
    return this.verified.identity(token, () => this.verifySignature(token));
  }

  private async verifySignature(token: string): Promise<{ identity: Identity; exp: number }> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        // A token without an expiry would be valid forever; the gateway always sets one.
        requiredClaims: ['exp'],
        // Gateway and subgraphs run on different hosts: allow their clocks a little skew.
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return { identity: toInternalIdentity(payload), exp: payload.exp! };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError(error instanceof joseErrors.JWTExpired ? 'token expired' : 'invalid token');
    }
  }
}

export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** Checks the claims of a verified JWT and turns them into an Identity. */
export function toIdentity(payload: { sub?: unknown; role?: unknown; org?: unknown }): Identity {
  const role = payload.role;
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new InvalidTokenError('token has no subject');
  if (typeof role !== 'string' || !ROLES.includes(role as Role) || role === 'PUBLIC')
    throw new InvalidTokenError('token has no valid role');
  const org = typeof payload.org === 'string' && payload.org.length > 0 ? payload.org : null;
  if (role === 'LGO_OFFICER' && !org) throw new InvalidTokenError('an LGO_OFFICER token must name its org');
  return { sub: payload.sub, role: role as Role, org: role === 'LGO_OFFICER' ? org : null };
}

/** The internal token for anonymous callers is signed like any other: PUBLIC is allowed there. */
export function toInternalIdentity(payload: { sub?: unknown; role?: unknown; org?: unknown }): Identity {
  if (payload.role === 'PUBLIC') return PUBLIC_IDENTITY;
  return toIdentity(payload);
}
