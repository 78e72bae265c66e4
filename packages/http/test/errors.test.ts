import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { AppError, createFormatError, fromZod, parseInput } from '../src';

describe('createFormatError', () => {
  const logged: unknown[] = [];
  const format = createFormatError((e) => logged.push(e));
  beforeEach(() => (logged.length = 0));

  it('passes typed errors through with their code and message, never a stack', () => {
    const error = new AppError('CONFLICT', 'An organization with code PATONG already exists');
    const formatted = format({ message: error.message, extensions: { code: 'CONFLICT', stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({
      message: 'An organization with code PATONG already exists',
      extensions: { code: 'CONFLICT' },
    });
    expect(logged).toEqual([]);
  });

  it('maps request errors (parse, validation) to BAD_USER_INPUT, keeping the reason', () => {
    const formatted = format(
      { message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError('Syntax Error'),
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });

  it('hides unexpected errors behind INTERNAL and logs the original', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id') at SELECT * FROM secrets");
    const formatted = format(
      { message: bug.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } },
      bug,
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['x'], extensions: { code: 'INTERNAL' } });
    expect(logged).toEqual([expect.objectContaining({ name: 'TypeError', message: bug.message })]);
  });

  it('logs a database error without its parameters (they may hold personal data)', () => {
    const failed = Object.assign(new Error('insert or update violates a trigger'), {
      code: 'XX000',
      query: 'INSERT …',
      parameters: ['081 234 5678', 'somchai@example.org'],
    });
    format({ message: failed.message, extensions: {} }, failed);
    expect(JSON.stringify(logged)).not.toContain('081 234 5678');
    expect(logged).toEqual([
      expect.objectContaining({ code: 'XX000', message: 'insert or update violates a trigger' }),
    ]);
  });

  it('turns a database error caused by input into a client error without its SQL', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "organization_code_key"'), {
      code: '23505',
    });
    expect(format({ message: unique.message, extensions: {} }, unique)).toEqual({
      message: 'Conflicts with existing data',
      extensions: { code: 'CONFLICT' },
    });
  });
});

describe('input parsing', () => {
  const schema = z.object({
    name: z.string().min(1, 'must not be empty'),
    age: z.number().int().min(0, 'must not be negative'),
  });

  it('lists every bad field in one BAD_USER_INPUT', () => {
    const error = (() => {
      try {
        parseInput(schema, { name: '', age: -1 });
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected an error');
    })();
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual({ 'input.name': 'must not be empty', 'input.age': 'must not be negative' });
    expect(error.message).toBe('Invalid input: input.name: must not be empty; input.age: must not be negative');
  });

  it('returns the parsed value when it is valid', () => {
    expect(parseInput(schema, { name: 'a', age: 1 })).toEqual({ name: 'a', age: 1 });
    expect(fromZod(schema.safeParse({}).error!).code).toBe('BAD_USER_INPUT');
  });
});
