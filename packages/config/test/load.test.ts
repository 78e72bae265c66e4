import { z } from 'zod';
import { ConfigError, databaseEnv, env, kafkaEnv, loadConfig, loadConfigOrExit } from '../src';

const schema = z
  .object({ ...databaseEnv('pcc_test'), ...kafkaEnv('pcc-test'), PORT: env.port(4001), STRICT: env.bool(false) })
  .transform((e) => ({
    port: e.PORT,
    db: { url: e.DATABASE_URL, pool: e.DATABASE_POOL_SIZE },
    brokers: e.KAFKA_BROKERS,
    strict: e.STRICT,
  }));

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    expect(loadConfig(schema, {})).toEqual({
      port: 4001,
      db: { url: 'postgres://postgres@127.0.0.1:5432/pcc_test', pool: 10 },
      brokers: ['127.0.0.1:9092'],
      strict: false,
    });
  });

  it('reads and converts values, treating empty strings as unset', () => {
    const config = loadConfig(schema, {
      PORT: '5000',
      KAFKA_BROKERS: 'a:1, b:2',
      STRICT: 'yes',
      DATABASE_POOL_SIZE: '',
    });
    expect(config.port).toBe(5000);
    expect(config.brokers).toEqual(['a:1', 'b:2']);
    expect(config.strict).toBe(true);
    expect(config.db.pool).toBe(10);
  });

  it('lists every problem at once', () => {
    const bad = {
      PORT: '70000',
      DATABASE_URL: 'mysql://x',
      DATABASE_POOL_SIZE: 'ten',
      KAFKA_BROKERS: 'nohostport',
      STRICT: 'maybe',
    };
    let error: unknown;
    try {
      loadConfig(schema, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/^PORT: expected an integer from 1 to 65535$/m);
    expect(problems.join('\n')).toMatch(/^DATABASE_URL: expected a URL \(postgres, postgresql\)$/m);
    expect(problems.join('\n')).toMatch(/^DATABASE_POOL_SIZE: /m);
    expect(problems.join('\n')).toMatch(/^KAFKA_BROKERS\.0: expected host:port$/m);
    expect(problems.join('\n')).toMatch(/^STRICT: expected true or false$/m);
  });

  it('says a required variable is required', () => {
    const required = z.object({ JWT_SECRET: env.string() });
    expect(() => loadConfig(required, {})).toThrow(/JWT_SECRET: is required/);
  });
});

describe('loadConfigOrExit', () => {
  it('prints all problems and exits with EX_CONFIG', () => {
    const lines: string[] = [];
    const exit = jest.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });
    expect(() => loadConfigOrExit(schema, { PORT: 'x', STRICT: 'x' }, { exit, log: (m) => lines.push(m) })).toThrow(
      'exit 78',
    );
    expect(exit).toHaveBeenCalledWith(78);
    expect(lines.join('\n')).toContain('2 problems');
    expect(lines.join('\n')).toContain('PORT:');
    expect(lines.join('\n')).toContain('STRICT:');
  });

  it('returns the config when it is valid', () => {
    const exit = jest.fn((): never => {
      throw new Error('should not exit');
    });
    expect(loadConfigOrExit(schema, { PORT: '4100' }, { exit, log: () => undefined }).port).toBe(4100);
    expect(exit).not.toHaveBeenCalled();
  });
});
