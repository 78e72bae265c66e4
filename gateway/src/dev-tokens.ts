import { SignJWT } from 'jose';
import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '@pcc/http';

export interface DevelopmentTokenRequest {
  role: Exclude<Role, 'PUBLIC'>;
  org?: string | undefined;
  sub?: string | undefined;
  ttl?: string | undefined;
}

/** Signs a caller's token with the gateway's HS256 secret: `npm run token` and the console's sign-in picker. */
export function signDevelopmentToken(secret: string, request: DevelopmentTokenRequest): Promise<string> {
  const org = request.role === 'LGO_OFFICER' ? request.org?.toUpperCase() : undefined;
  return new SignJWT({ role: request.role, ...(org ? { org } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.sub ?? `dev-${request.role.toLowerCase()}${org ? `-${org.toLowerCase()}` : ''}`)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '8h')
    .sign(new TextEncoder().encode(secret));
}

const badRequest = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });

/**
 * `POST /dev/token {role, org}`: the development sign-in of the console (what `npm run token` prints).
 * Registered only outside production and without an identity provider, where the secret is the
 * development one anyway; in production callers bring the identity provider's token.
 */
export function registerDevelopmentTokens(app: FastifyInstance, secret: string): void {
  app.post('/dev/token', async (request, reply) => {
    const body = (request.body ?? {}) as { role?: unknown; org?: unknown };
    const role = typeof body.role === 'string' ? body.role : '';
    if (!ROLES.includes(role as Role) || role === 'PUBLIC') return reply.code(400).send(badRequest('unknown role'));
    const org = typeof body.org === 'string' && /^[A-Z0-9-]{2,32}$/i.test(body.org) ? body.org : undefined;
    if (role === 'LGO_OFFICER' && !org)
      return reply.code(400).send(badRequest('an officer needs an organization code'));
    const token = await signDevelopmentToken(secret, { role: role as DevelopmentTokenRequest['role'], org });
    return { token };
  });
}
