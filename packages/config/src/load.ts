import { z } from 'zod';

/**
 * Raised when the environment does not satisfy a config schema. `problems` holds every issue, one
 * line each (`VARIABLE: what is wrong`), so an operator fixes a deployment in one pass.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses `env` with `schema`, collecting every problem instead of stopping at the first. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  // Empty strings mean "unset": `FOO= node app` must fall back to the default, not fail as "".
  const cleaned: Env = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? issue.path.join('.') : '(environment)';
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return `${name}: ${message}`;
  });
  throw new ConfigError(problems);
}

/**
 * For entry points: load the config, or print every problem and exit non-zero. `exit` and `log`
 * are injectable so the behaviour is testable without killing the test runner.
 */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: Env = process.env,
  io: { exit: (code: number) => never; log: (message: string) => void } = {
    exit: (code) => process.exit(code),
    log: (message) => process.stderr.write(`${message}\n`),
  },
): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.log(error.message);
      return io.exit(78); // EX_CONFIG from sysexits.h: "configuration error"
    }
    throw error;
  }
}
