/**
 * A small deterministic generator for demo data (mulberry32: 32-bit integer arithmetic, so no float
 * precision is lost), so `npm run seed` gives the same data on every machine. Returns numbers in
 * [0, 1). Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
