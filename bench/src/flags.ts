import { parseArgs } from 'node:util';

/** The settings of `npm run bench -- [--rounds 3] [--seconds 15] …`, with their defaults. */
export const DEFAULTS = {
  rounds: 3,
  seconds: 15,
  warmup: 5,
  /**
   * Seconds of intake before intake is measured. Five are not enough: half a minute in, the broker's JIT
   * compilers still took 5 % of the machine and the services' mutation paths were still compiling, and
   * alternating profiles with 60 s against 5 s of warm-up served 26–40 % more cases per second.
   */
  'intake-warmup': 60,
  connections: 50,
  cases: 1_000_000,
  'gateway-workers': 1,
  'gateway-heap-mb': 256,
  /** The young generation's semi-space of our gateway (`--max-semi-space-size`), as `npm start` runs it; 0: V8's own sizing. */
  'gateway-semi-space-mb': 4,
  /** glibc's malloc arenas in our gateway (`MALLOC_ARENA_MAX`), as `npm start` runs it; 0: glibc's own (8 per core). */
  'gateway-malloc-arenas': 2,
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

/**
 * Our gateway's memory settings as its environment: the V8 heap flags as NODE_OPTIONS and glibc's
 * malloc arenas as MALLOC_ARENA_MAX (0: the runtime's own sizing for that part).
 */
export function gatewayMemoryEnv(settings: {
  heapMiB: number;
  semiSpaceMiB: number;
  mallocArenas: number;
}): Record<string, string> {
  const options = [
    ...(settings.heapMiB ? [`--max-old-space-size=${settings.heapMiB}`] : []),
    ...(settings.semiSpaceMiB ? [`--max-semi-space-size=${settings.semiSpaceMiB}`] : []),
  ];
  return {
    ...(options.length ? { NODE_OPTIONS: options.join(' ') } : {}),
    ...(settings.mallocArenas ? { MALLOC_ARENA_MAX: String(settings.mallocArenas) } : {}),
  };
}
