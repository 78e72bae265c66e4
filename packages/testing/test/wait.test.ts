import { uniqueTopic, waitFor } from '../src';

describe('waitFor', () => {
  it('returns as soon as the check passes', async () => {
    let calls = 0;
    const value = await waitFor(
      () => ++calls,
      (n) => n >= 3,
      5_000,
      1,
    );
    expect(value).toBe(3);
  });

  it('gives up after the timeout and returns the last value', async () => {
    const started = Date.now();
    const value = await waitFor(
      async () => 'never',
      (v) => v === 'done',
      200,
      20,
    );
    expect(value).toBe('never');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});

describe('uniqueTopic', () => {
  it('never repeats and is a valid topic name', () => {
    const a = uniqueTopic('x');
    expect(a).not.toBe(uniqueTopic('x'));
    expect(a).toMatch(/^[a-zA-Z0-9._-]+$/);
  });
});
