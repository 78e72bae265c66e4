import { DEFAULTS, gatewayMemoryEnv, parseFlags } from '../src/flags';

describe('parseFlags', () => {
  it('gives the defaults without flags', () => {
    expect(parseFlags([])).toEqual(DEFAULTS);
  });

  it('reads every flag given, as npm forwards them after `--`', () => {
    const flags = parseFlags([
      '--rounds',
      '1',
      '--seconds',
      '5',
      '--cases',
      '20000',
      '--gateway-heap-mb=0',
      '--intake-warmup',
      '0',
    ]);
    expect(flags).toEqual({
      ...DEFAULTS,
      rounds: 1,
      seconds: 5,
      cases: 20_000,
      'gateway-heap-mb': 0,
      'intake-warmup': 0,
    });
  });

  it('rejects an unknown flag instead of measuring the defaults', () => {
    expect(() => parseFlags(['--round', '1'])).toThrow(/round/);
  });

  it('rejects a value that is not a number', () => {
    expect(() => parseFlags(['--seconds', 'five'])).toThrow(/--seconds must be a non-negative number/);
    expect(() => parseFlags(['--seconds'])).toThrow();
  });
});

describe('gatewayMemoryEnv', () => {
  it("gives our gateway's heap flags as NODE_OPTIONS and its malloc arenas, leaving out what is 0 (the runtime's own sizing)", () => {
    expect(gatewayMemoryEnv({ heapMiB: 128, semiSpaceMiB: 16, mallocArenas: 2 })).toEqual({
      NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=16',
      MALLOC_ARENA_MAX: '2',
    });
    expect(gatewayMemoryEnv({ heapMiB: 512, semiSpaceMiB: 0, mallocArenas: 0 })).toEqual({
      NODE_OPTIONS: '--max-old-space-size=512',
    });
    expect(gatewayMemoryEnv({ heapMiB: 0, semiSpaceMiB: 0, mallocArenas: 0 })).toEqual({});
  });
});
