import { joinedReads } from '../src/joined-reads';

describe('joinedReads', () => {
  /** A read whose answers are numbered, released by the test. */
  const numberedReads = () => {
    let sent = 0;
    const releases: Array<() => void> = [];
    const read = () => {
      const n = ++sent;
      return new Promise<number>((resolve) => releases.push(() => resolve(n)));
    };
    return { read, sent: () => sent, release: () => releases.splice(0).forEach((release) => release()) };
  };
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('shares one read among the callers of one turn', async () => {
    const reads = numberedReads();
    const joined = joinedReads(reads.read);
    const asked = [joined(), joined(), joined()];
    await nextTurn();
    expect(reads.sent()).toBe(1);
    reads.release();
    expect(await Promise.all(asked)).toEqual([1, 1, 1]);
  });

  it('never hands a caller a read sent before it asked', async () => {
    const reads = numberedReads();
    const joined = joinedReads(reads.read);
    const first = joined();
    await nextTurn();
    expect(reads.sent()).toBe(1);
    // The first read is out and not answered yet: a later caller gets a read of its own.
    const second = joined();
    await nextTurn();
    expect(reads.sent()).toBe(2);
    reads.release();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
  });
});
