import { parseArgs } from 'node:util';

/** The settings of `npm run bench -- [--rounds 3] [--seconds 15] …`, with their defaults. */
export const DEFAULTS = {
  rounds: 3,
  seconds: 15,
  warmup: 5,
  connections: 50,
  cases: 1_000_000,
  'gateway-workers': 1,
  'gateway-heap-mb': 512,
  /** The young generation's semi-space of our gateway (`--max-semi-space-size`), as `npm start` runs it; 0: V8's own sizing. */
  'gateway-semi-space-mb': 32,
  /** The seed of the mixed workload's sequence: the same seed replays the same requests. */
  seed: 13,
} as const;

export type BenchFlags = { -readonly [K in keyof typeof DEFAULTS]: number };

/**
 * Reads the benchmark's flags. An unknown flag or a value that is not a non-negative number is an
 * error: a typo must not silently measure the defaults.
 */
export function parseFlags(argv: readonly string[]): BenchFlags {
  const names = Object.keys(DEFAULTS) as Array<keyof BenchFlags>;
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
    strict: true,
    allowPositionals: false,
  });
  const flags: BenchFlags = { ...DEFAULTS };
  for (const name of names) {
    const text = values[name];
    if (text === undefined) continue;
    const value = Number(text);
    if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(value) || value < 0)
      throw new Error(`--${name} must be a non-negative number, not ${JSON.stringify(text)}`);
    flags[name] = value;
  }
  return flags;
}

/** Our gateway's Node.js memory flags, as NODE_OPTIONS (0: V8's own sizing for that part). */
export function gatewayHeapEnv(heapMiB: number, semiSpaceMiB: number): Record<string, string> {
  const options = [
    ...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : []),
    ...(semiSpaceMiB ? [`--max-semi-space-size=${semiSpaceMiB}`] : []),
  ];
  return options.length ? { NODE_OPTIONS: options.join(' ') } : {};
}
