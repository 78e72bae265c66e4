import { SignJWT } from 'jose';
import { InternalTokens, InvalidTokenError, PUBLIC_IDENTITY, toIdentity } from '../src';

describe('internal tokens', () => {
  const tokens = new InternalTokens('a-secret-of-at-least-thirty-two-characters');

  it.each([
    { sub: 'u1', role: 'NETWORK_ADMIN' as const, org: null },
    { sub: 'u2', role: 'LGO_OFFICER' as const, org: 'PATONG' },
    { sub: 'u3', role: 'ANALYST' as const, org: null },
    PUBLIC_IDENTITY,
  ])('carries %o from the gateway to a subgraph unchanged', async (identity) => {
    expect(await tokens.verify(await tokens.sign(identity))).toEqual(identity);
  });

  // Expired by more than the 30 s allowed for clock skew.
  it('refuses a token signed with another secret, an expired one, and garbage', async () => {
    const other = await new InternalTokens('another-secret-of-at-least-thirty-two-chars').sign(PUBLIC_IDENTITY);
    const expired = await new InternalTokens('a-secret-of-at-least-thirty-two-characters', -60).sign(PUBLIC_IDENTITY);
    await expect(tokens.verify(other)).rejects.toThrow(new InvalidTokenError('invalid token'));
    await expect(tokens.verify(expired)).rejects.toThrow(new InvalidTokenError('token expired'));
    await expect(tokens.verify('x.y.z')).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a token without an expiry, even signed with the right secret (it would be valid forever)', async () => {
    const forever = await new SignJWT({ role: 'NETWORK_ADMIN', org: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('pcc-gateway')
      .setAudience('pcc-subgraphs')
      .setIssuedAt()
      .sign(new TextEncoder().encode('a-secret-of-at-least-thirty-two-characters'));
    await expect(tokens.verify(forever)).rejects.toThrow(new InvalidTokenError('invalid token'));
  });

  it('refuses a short secret', () => {
    expect(() => new InternalTokens('short')).toThrow(/at least 32/);
  });
});

describe('caller claims', () => {
  it.each([
    [{ sub: 'a', role: 'LGO_OFFICER' }, /must name its org/],
    [{ sub: 'a', role: 'ROOT' }, /no valid role/],
    [{ sub: 'a', role: 'PUBLIC' }, /no valid role/],
    [{ role: 'ANALYST' }, /no subject/],
  ])('refuses %o', (claims, message) => {
    expect(() => toIdentity(claims)).toThrow(message);
  });

  it('drops an org claim on roles that have none', () => {
    expect(toIdentity({ sub: 'a', role: 'ANALYST', org: 'PATONG' })).toEqual({ sub: 'a', role: 'ANALYST', org: null });
  });
});
