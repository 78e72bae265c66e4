import { SignJWT } from 'jose';
import { ConfigError, loadConfig } from '@pcc/config';
import { InvalidTokenError } from '@pcc/http';
import { Authenticator } from '../src/auth';
import { configSchema, DEV_JWT_SECRET } from '../src/config';

/** What the gateway accepts of a caller's JWT, beyond its signature. */
describe("callers' tokens", () => {
  const authenticator = new Authenticator({
    secret: DEV_JWT_SECRET,
    maxLifetimeSeconds: 86_400,
    clockToleranceSeconds: 30,
  });
  const now = Math.floor(Date.now() / 1000);
  const token = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ role: 'ANALYST' }).setProtectedHeader({ alg: 'HS256' }).setSubject('analyst-1');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(DEV_JWT_SECRET));
  };
  const identify = async (claims: { iat?: number; exp?: number }) =>
    authenticator.identify(`Bearer ${await token(claims)}`);

  it('refuses a token that lives longer than the maximum lifetime, or says nothing of when it was issued beyond it', async () => {
    await expect(identify({ iat: now, exp: now + 48 * 3600 })).rejects.toThrow(InvalidTokenError);
    await expect(identify({ exp: now + 30 * 24 * 3600 })).rejects.toThrow(InvalidTokenError);
    await expect(identify({ iat: now, exp: now + 3600 })).resolves.toMatchObject({ sub: 'analyst-1' });
  });

  it('allows a small clock skew, no more', async () => {
    await expect(identify({ iat: now - 600, exp: now - 10 })).resolves.toMatchObject({ sub: 'analyst-1' });
    await expect(identify({ iat: now - 600, exp: now - 120 })).rejects.toThrow(new InvalidTokenError('token expired'));
  });

  it('takes JWKS only over https', () => {
    const withJwks = (url: string) => () =>
      loadConfig(configSchema, { JWT_JWKS_URL: url, JWT_ISSUER: 'https://id.example', JWT_AUDIENCE: 'pcc' });
    expect(withJwks('http://id.example/.well-known/jwks.json')).toThrow(ConfigError);
    expect(withJwks('https://id.example/.well-known/jwks.json')).not.toThrow();
  });
});
