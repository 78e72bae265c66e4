import { z } from 'zod';

/**
 * Field types for environment variables, which always arrive as strings. Each one names what it
 * accepts in its error message, so a bad value reads "PORT: expected an integer from 1 to 65535".
 */
export const env = {
  string: (fallback?: string) => (fallback === undefined ? z.string().min(1) : z.string().min(1).default(fallback)),

  int: (fallback: number | undefined, min: number, max: number) => {
    const field = z
      .string()
      .regex(/^-?\d+$/, `expected an integer from ${min} to ${max}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(min, `expected an integer from ${min} to ${max}`)
          .max(max, `expected an integer from ${min} to ${max}`),
      );
    return fallback === undefined ? field : field.default(fallback);
  },

  port: (fallback: number) => env.int(fallback, 1, 65535),

  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(fallback),

  url: (fallback?: string, protocols: string[] = []) => {
    const field = z.string().refine(
      (value) => {
        try {
          const url = new URL(value);
          return protocols.length === 0 || protocols.includes(url.protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      `expected a URL${protocols.length ? ` (${protocols.join(', ')})` : ''}`,
    );
    return fallback === undefined ? field : field.default(fallback);
  },

  /** Comma-separated list, e.g. KAFKA_BROKERS=host1:9092,host2:9092. */
  list: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1, 'expected at least one host:port')),

  oneOf: <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
    z.enum(values, { message: `expected one of ${values.join(', ')}` }).default(fallback),
};
