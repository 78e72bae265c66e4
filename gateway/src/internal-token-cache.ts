import type { Identity, InternalTokens } from '@pcc/http';
import { identityKey } from './identity-key';

/** Tokens live 60 s (`InternalTokens`); one is re-signed once half of that has passed. */
const RENEW_AFTER_MS = 30_000;

/**
 * The internal tokens the gateway sends its subgraphs: one per caller identity, signed once and
 * shared by every subgraph's data source (and by the data sources of the next supergraph), reused
 * until it is due for renewal. While each data source signed its own, signing (an HMAC through
 * WebCrypto's thread pool) was about 2 % of the gateway's CPU under the mixed workload. Requests of
 * one identity that arrive together wait for the same signing.
 */
export class InternalTokenCache {
  private readonly tokens = new Map<string, { token: Promise<string>; renewAt: number }>();

  constructor(
    private readonly internalTokens: InternalTokens,
    /** Bounds memory under many distinct callers: past it, the cache starts again. */
    private readonly maxEntries = 10_000,
  ) {}

  tokenFor(identity: Identity): Promise<string> {
    const key = identityKey(identity);
    const now = Date.now();
    const cached = this.tokens.get(key);
    if (cached && cached.renewAt > now) return cached.token;
    if (this.tokens.size >= this.maxEntries) this.tokens.clear();
    const entry = { token: this.internalTokens.sign(identity), renewAt: now + RENEW_AFTER_MS };
    this.tokens.set(key, entry);
    // A signing that failed is not kept: the next request signs again.
    entry.token.catch(() => {
      if (this.tokens.get(key) === entry) this.tokens.delete(key);
    });
    return entry.token;
  }
}
