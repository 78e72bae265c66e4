/**
 * A small deterministic generator for demo data (a linear congruential one), so `npm run seed` gives
 * the same data on every machine. Returns numbers in [0, 1). Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
