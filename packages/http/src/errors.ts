import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ZodError } from 'zod';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export { ERROR_CODES, type ErrorCode };

/**
 * An expected failure: its message and code go to the client as they are. Anything else that
 * escapes a resolver is a bug and reaches the client only as `INTERNAL`, without its text.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const badInput = (message: string, fields?: Record<string, string>) =>
  new AppError('BAD_USER_INPUT', message, fields ? { fields } : {});
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const invalidTransition = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('INVALID_TRANSITION', message, details);

/** A zod failure on user input as one BAD_USER_INPUT error naming every bad field. */
export function fromZod(error: ZodError, prefix = 'input'): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[[prefix, ...issue.path].join('.')] ??= issue.message;
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  return badInput(`Invalid input: ${summary}`, fields);
}

/** Parses user input with a zod schema, throwing BAD_USER_INPUT that lists every problem. */
export function parseInput<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  value: unknown,
  prefix = 'input',
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(result.error, prefix);
  return result.data;
}

const PASS_THROUGH = new Set<string>(ERROR_CODES);
// Errors Apollo raises before any resolver runs: a request the client got wrong.
const CLIENT_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);
// PostgreSQL errors that bad input can cause if a check was missed: still the client's fault.
const PG_CLIENT_ERRORS: Record<string, ErrorCode> = {
  '22P02': 'BAD_USER_INPUT', // invalid text representation (e.g. not a uuid)
  '22001': 'BAD_USER_INPUT', // string too long
  '22003': 'BAD_USER_INPUT', // numeric out of range
  '22007': 'BAD_USER_INPUT', // invalid datetime format
  '22008': 'BAD_USER_INPUT', // datetime out of range
  '22021': 'BAD_USER_INPUT', // character not in repertoire (e.g. U+0000)
  '23502': 'BAD_USER_INPUT', // not-null violation
  '23503': 'BAD_USER_INPUT', // foreign key violation
  '23514': 'BAD_USER_INPUT', // check violation
  '23505': 'CONFLICT', // unique violation
};

/**
 * The `extensions.code` of a GraphQL error. Apollo and our `AppError`s always set a string; any other
 * value is no code we know.
 */
export function errorCodeOf(error: { readonly extensions?: { readonly [key: string]: unknown } }): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Apollo's `formatError`: keeps typed errors, maps request errors to BAD_USER_INPUT, and turns
 * everything else into INTERNAL with a fixed message (no stack, no SQL). `log` receives the
 * original of every INTERNAL error.
 */
export function createFormatError(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = errorCodeOf(formatted) ?? '';
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    if (original instanceof AppError || (PASS_THROUGH.has(code) && code !== 'INTERNAL')) {
      return { ...formatted, extensions };
    }
    if (CLIENT_ERRORS.has(code)) {
      return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT', reason: code } };
    }
    const pgCode = (original as { code?: unknown } | null)?.code;
    if (typeof pgCode === 'string' && PG_CLIENT_ERRORS[pgCode]) {
      return {
        message: PG_CLIENT_ERRORS[pgCode] === 'CONFLICT' ? 'Conflicts with existing data' : 'Invalid input',
        path: formatted.path,
        extensions: { code: PG_CLIENT_ERRORS[pgCode] },
      };
    }
    log(sanitize(original));
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL' } };
  };
}

/** What of an unexpected error goes to the log: never the query parameters (they may hold personal data). */
function sanitize(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { name, message, stack } = error;
  return { name, message, stack, code: (error as { code?: unknown }).code };
}

/**
 * Some request errors surface from plugins (e.g. a syntax error found by a token limit) after
 * Apollo has chosen status 500. When a response has no data and only client-side codes, its
 * status is 400: no request can produce a 500 by its content.
 */
export const clientErrorStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        const clientCodes = new Set<string>(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN']);
        if (
          data == null &&
          errors?.length &&
          errors.every((e) => clientCodes.has(String(e.extensions?.code))) &&
          (response.http.status ?? 200) >= 500
        ) {
          response.http.status = 400;
        }
      },
    };
  },
};
