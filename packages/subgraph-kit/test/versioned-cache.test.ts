import { deferred } from '@pcc/testing';
import { VersionedCache, type Computed } from '../src/versioned-cache';

/** A computation that counts its calls and answers what it is told. */
const counting = <V>(answers: Array<Computed<V>>) => {
  let calls = 0;
  const compute = () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]!);
  return { compute, calls: () => calls };
};

describe('VersionedCache', () => {
  it('computes once per version and again when the version moves on', async () => {
    const cache = new VersionedCache<number>();
    const source = counting([{ value: 1 }, { value: 2 }]);
    expect(await cache.get('k', '1', 0, source.compute)).toBe(1);
    expect(await cache.get('k', '1', 10, source.compute)).toBe(1);
    expect(source.calls()).toBe(1);
    expect(await cache.get('k', '2', 20, source.compute)).toBe(2);
    expect(source.calls()).toBe(2);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, size: 1 });
  });

  it('serves a value of a newer version to a caller that read an older one, never the other way', async () => {
    const cache = new VersionedCache<string>();
    await cache.get('k', '10', 0, () => Promise.resolve({ value: 'v10' }));
    expect(await cache.get('k', '9', 0, () => Promise.resolve({ value: 'v9' }))).toBe('v10');
    expect(await cache.get('k', '11', 0, () => Promise.resolve({ value: 'v11' }))).toBe('v11');
  });

  it('recomputes a clock-dependent value once the database time reaches its validUntil', async () => {
    const cache = new VersionedCache<number>();
    const source = counting([
      { value: 3, validUntil: 1_000 },
      { value: 4, validUntil: 2_000 },
    ]);
    expect(await cache.get('k', '1', 500, source.compute)).toBe(3);
    expect(await cache.get('k', '1', 999, source.compute)).toBe(3);
    expect(await cache.get('k', '1', 1_000, source.compute)).toBe(4);
    expect(source.calls()).toBe(2);
  });

  it('shares one computation between callers that miss together', async () => {
    const cache = new VersionedCache<number>();
    const gate = deferred<Computed<number>>();
    let calls = 0;
    const compute = () => {
      calls += 1;
      return gate.promise;
    };
    const first = cache.get('k', '1', 0, compute);
    const second = cache.get('k', '1', 0, compute);
    gate.resolve({ value: 7 });
    await expect(Promise.all([first, second])).resolves.toEqual([7, 7]);
    expect(calls).toBe(1);
  });

  it('does not hand a caller a shared value that its own clock has outlived', async () => {
    const cache = new VersionedCache<number>();
    const gate = deferred<Computed<number>>();
    const first = cache.get('k', '1', 0, () => gate.promise);
    const late = cache.get('k', '1', 600, () => Promise.resolve({ value: 9, validUntil: 5_000 }));
    gate.resolve({ value: 8, validUntil: 500 });
    expect(await first).toBe(8);
    expect(await late).toBe(9);
  });

  it('keeps no failed computation: the next caller tries again', async () => {
    const cache = new VersionedCache<number>();
    await expect(cache.get('k', '1', 0, () => Promise.reject(new Error('database away')))).rejects.toThrow(
      'database away',
    );
    expect(await cache.get('k', '1', 0, () => Promise.resolve({ value: 5 }))).toBe(5);
  });

  it('keeps at most its bound, dropping the least recently used', async () => {
    const cache = new VersionedCache<number>(2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, '1', 0, () => Promise.resolve({ value: 1 }));
    expect(cache.stats().size).toBe(2);
    const again = counting([{ value: 2 }]);
    await cache.get('a', '1', 0, again.compute);
    expect(again.calls()).toBe(1);
  });

  it('answers many keys with one computation of the missing ones only', async () => {
    const cache = new VersionedCache<string>();
    const asked: string[][] = [];
    const compute = (missing: string[]) => {
      asked.push(missing);
      return Promise.resolve(new Map(missing.map((key) => [key, { value: `${key}@${asked.length}` }])));
    };
    const first = await cache.getMany(
      [
        { key: 'a', version: '1' },
        { key: 'b', version: '1' },
      ],
      0,
      compute,
    );
    expect([...first]).toEqual([
      ['a', 'a@1'],
      ['b', 'b@1'],
    ]);
    const second = await cache.getMany(
      [
        { key: 'a', version: '1' },
        { key: 'b', version: '2' },
        { key: 'c', version: '1' },
      ],
      0,
      compute,
    );
    expect(asked).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(second.get('a')).toBe('a@1');
    expect(second.get('b')).toBe('b@2');
  });

  it('fails a batch whose computation leaves a key unanswered, and keeps nothing of it', async () => {
    const cache = new VersionedCache<number>();
    await expect(
      cache.getMany([{ key: 'a', version: '1' }], 0, () => Promise.resolve(new Map<string, Computed<number>>())),
    ).rejects.toThrow('no value for a');
    expect(cache.stats().size).toBe(0);
  });
});
