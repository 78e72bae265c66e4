import { LRUCache } from 'lru-cache';
import type { Identity } from './identity';

/** Longest a verified token is kept, whatever its expiry: a key taken out of a JWKS stops working within this. */
const MAX_KEPT_MS = 5 * 60_000;

/**
 * Tokens already verified, each with the identity it carries, until it expires. Verifying a JWT's
 * signature costs a round trip to the crypto thread pool; the gateway reuses one internal token per
 * caller for half a minute and people reuse theirs for hours, so every request after the first is a
 * map lookup. Only tokens that passed verification are kept (a forged or broken one is verified, and
 * refused, every time); each is kept no longer than its own expiry plus the clock tolerance the
 * verification allowed, and never longer than five minutes.
 */
export class VerifiedTokens {
  private readonly entries: LRUCache<string, { identity: Identity; until: number }>;

  constructor(
    private readonly clockToleranceMs: number,
    max = 10_000,
  ) {
    this.entries = new LRUCache({ max });
  }

  /** The identity of `token`: kept, or from `verify` (which throws for a token it refuses). */
  async identity(token: string, verify: () => Promise<{ identity: Identity; exp: number }>): Promise<Identity> {
    const kept = this.entries.get(token);
    if (kept && Date.now() < kept.until) return kept.identity;
    const { identity, exp } = await verify();
    const frozen = Object.freeze({ ...identity });
    this.entries.set(token, {
      identity: frozen,
      until: Math.min(exp * 1000 + this.clockToleranceMs, Date.now() + MAX_KEPT_MS),
    });
    return frozen;
  }
}
