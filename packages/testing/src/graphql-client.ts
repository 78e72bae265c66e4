import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL error as the servers send it: `code` (and, for BAD_USER_INPUT, `fields`) in the extensions. */
export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; fields?: Record<string, string>; [key: string]: unknown };
}

/** What came back: the HTTP status, the parsed body, and the query text (for failure messages). */
export interface GraphQLResponse<TData> {
  status: number;
  body: { data?: TData | null; errors?: GraphQLErrorBody[] };
  query: string;
}

/** A Fastify app (or anything with the same `inject`): requests go in-process, no port needed. */
export interface InjectTarget {
  inject(request: {
    method: 'POST';
    url: string;
    headers: Record<string, string>;
    payload: string;
  }): PromiseLike<{ statusCode: number; body: string }>;
}

declare const unchecked: unique symbol;
/** Variables a test sends although the schema's types forbid them, to see the server refuse them. */
export type UncheckedVariables = Record<string, unknown> & { readonly [unchecked]: true };
/** Marks variables that break the document's types on purpose (an unknown enum value, a missing field…). */
export const uncheckedVariables = (variables: Record<string, unknown>): UncheckedVariables =>
  variables as UncheckedVariables;

export interface GraphQLRequest<TData, TVariables, TIdentity> {
  /** A typed document from the workspace's generated `graphql()`, or raw text for queries built on purpose. */
  document: TypedDocumentNode<TData, TVariables> | string;
  variables?: TVariables | UncheckedVariables;
  /** Who calls; without it the request carries no token (PUBLIC at the gateway). */
  as?: TIdentity;
}

export interface GraphQLClient<TIdentity> {
  execute<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
    request: GraphQLRequest<TData, TVariables, TIdentity>,
  ): Promise<GraphQLResponse<TData>>;
}

export interface GraphQLClientOptions<TIdentity> {
  /** Turns an identity into the bearer token the target accepts: an internal token for a subgraph, a caller JWT for the gateway. */
  sign: (identity: TIdentity) => Promise<string | undefined> | string | undefined;
  /** Path of the GraphQL endpoint on an injected app. */
  path?: string;
}

/**
 * The one way tests call GraphQL: a subgraph's Fastify app in-process (`inject`) or any server by URL
 * (`fetch`), signed as the identity the test names.
 */
export function graphqlClient<TIdentity>(
  target: InjectTarget | string,
  options: GraphQLClientOptions<TIdentity>,
): GraphQLClient<TIdentity> {
  const post = async (headers: Record<string, string>, payload: string): Promise<{ status: number; text: string }> => {
    if (typeof target === 'string') {
      const response = await fetch(target, { method: 'POST', headers, body: payload });
      return { status: response.status, text: await response.text() };
    }
    const response = await target.inject({ method: 'POST', url: options.path ?? '/graphql', headers, payload });
    return { status: response.statusCode, text: response.body };
  };
  return {
    async execute<TData, TVariables>({
      document,
      variables,
      as,
    }: GraphQLRequest<TData, TVariables, TIdentity>): Promise<GraphQLResponse<TData>> {
      const query = typeof document === 'string' ? document : print(document);
      const token = as === undefined ? undefined : await options.sign(as);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      };
      const { status, text } = await post(headers, JSON.stringify({ query, variables: variables ?? {} }));
      let body: GraphQLResponse<TData>['body'];
      try {
        body = JSON.parse(text) as GraphQLResponse<TData>['body'];
      } catch {
        throw new Error(`HTTP ${status}, not JSON, for:\n${query}\n\n${text}`);
      }
      return { status, body, query };
    },
  };
}

/** Returns the data of an answer without errors; otherwise throws with the query and the whole body. */
export function expectNoGraphQLErrors<TData>(result: GraphQLResponse<TData>): TData {
  const { data, errors } = result.body;
  if (errors?.length || data === undefined || data === null)
    throw new Error(
      `Expected no GraphQL errors (HTTP ${result.status}) for:\n${result.query}\n\nbody:\n${JSON.stringify(result.body, null, 2)}`,
    );
  return data;
}

/** The `extensions.code` of each error, in order (empty when there were none). */
export const errorCodes = (result: GraphQLResponse<unknown>): Array<string | undefined> =>
  (result.body.errors ?? []).map((e) => e.extensions?.code);
