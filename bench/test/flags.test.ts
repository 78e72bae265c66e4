import { DEFAULTS, gatewayHeapEnv, parseFlags } from '../src/flags';

describe('parseFlags', () => {
  it('gives the defaults without flags', () => {
    expect(parseFlags([])).toEqual(DEFAULTS);
  });

  it('reads every flag given, as npm forwards them after `--`', () => {
    const flags = parseFlags(['--rounds', '1', '--seconds', '5', '--cases', '20000', '--gateway-heap-mb=0']);
    expect(flags).toEqual({ ...DEFAULTS, rounds: 1, seconds: 5, cases: 20_000, 'gateway-heap-mb': 0 });
  });

  it('rejects an unknown flag instead of measuring the defaults', () => {
    expect(() => parseFlags(['--round', '1'])).toThrow(/round/);
  });

  it('rejects a value that is not a number', () => {
    expect(() => parseFlags(['--seconds', 'five'])).toThrow(/--seconds must be a non-negative number/);
    expect(() => parseFlags(['--seconds'])).toThrow();
  });
});

describe('gatewayHeapEnv', () => {
  it("gives our gateway's heap flags as NODE_OPTIONS, leaving out what is 0 (V8's own sizing)", () => {
    expect(gatewayHeapEnv(128, 16)).toEqual({ NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=16' });
    expect(gatewayHeapEnv(512, 0)).toEqual({ NODE_OPTIONS: '--max-old-space-size=512' });
    expect(gatewayHeapEnv(0, 0)).toEqual({});
  });
});
