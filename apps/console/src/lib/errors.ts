import { ERROR_CODES } from '@pcc/http/error-codes';

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

/** The message key of an API error: `errors.<CODE>`, `errors.NETWORK` when the platform could not be reached. */
export function errorKey(
  error: { graphQLErrors?: readonly GraphQLErrorLike[]; networkError?: unknown } | undefined,
): string {
  const code = error?.graphQLErrors?.[0]?.extensions?.code;
  if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) return `errors.${code}`;
  if (error?.networkError) return 'errors.NETWORK';
  return 'errors.INTERNAL';
}
