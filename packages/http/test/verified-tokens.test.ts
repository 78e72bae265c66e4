import { InvalidTokenError, VerifiedTokens, type Identity } from '../src';

const ADMIN: Identity = { sub: 'u1', role: 'NETWORK_ADMIN', org: null };
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

describe('verified tokens', () => {
  it('verifies a token once and answers its identity from memory until it expires', async () => {
    const kept = new VerifiedTokens(0);
    let verifications = 0;
    const verify = () => {
      verifications += 1;
      return Promise.resolve({ identity: ADMIN, exp: inSeconds(60) });
    };
    expect(await kept.identity('t1', verify)).toEqual(ADMIN);
    expect(await kept.identity('t1', verify)).toEqual(ADMIN);
    expect(verifications).toBe(1);
    // Another token is verified on its own.
    await kept.identity('t2', verify);
    expect(verifications).toBe(2);
  });

  it('verifies again once the token has expired (past the tolerance), so an expired token is refused', async () => {
    const kept = new VerifiedTokens(0);
    // Expired a second ago: kept until then, i.e. not at all.
    await kept.identity('old', () => Promise.resolve({ identity: ADMIN, exp: inSeconds(-1) }));
    await expect(kept.identity('old', () => Promise.reject(new InvalidTokenError('token expired')))).rejects.toThrow(
      'token expired',
    );
  });

  it('keeps nothing of a token it refused', async () => {
    const kept = new VerifiedTokens(0);
    await expect(kept.identity('forged', () => Promise.reject(new InvalidTokenError('invalid token')))).rejects.toThrow(
      'invalid token',
    );
    let verified = false;
    await kept.identity('forged', () => {
      verified = true;
      return Promise.resolve({ identity: ADMIN, exp: inSeconds(60) });
    });
    expect(verified).toBe(true);
  });

  it('hands out identities no request can change for the next', async () => {
    const kept = new VerifiedTokens(0);
    const identity = await kept.identity('t', () => Promise.resolve({ identity: { ...ADMIN }, exp: inSeconds(60) }));
    expect(Object.isFrozen(identity)).toBe(true);
  });
});
