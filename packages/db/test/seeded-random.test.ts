import { seededRandom } from '../src';

describe('seededRandom', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1) and spreads evenly', () => {
    const [a, b, c] = [seededRandom(7), seededRandom(7), seededRandom(8)];
    const xs = Array.from({ length: 100_000 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs.slice(0, 5));
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const buckets = new Array(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)] += 1;
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    expect(new Set(xs).size).toBeGreaterThan(99_000);
  });
});
