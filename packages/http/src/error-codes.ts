/**
 * The stable error codes clients rely on (DESIGN §7). A file of its own, with no server
 * dependency, so a browser bundle can import it as `@pcc/http/error-codes`.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
