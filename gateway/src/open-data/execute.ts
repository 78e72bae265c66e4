import type { ApolloServer } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import { InvalidTokenError, validTraceparent, type Identity } from '@pcc/http';
import type { Authenticator } from '../auth';
import type { GatewayContext } from '../subgraph-source';

export interface Answer<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Runs one operation through this gateway's own GraphQL server, in process, as `identity`: the same
 * query plan, cost and rate limits, and the same subgraphs deciding what the caller may see and do,
 * as a request to /graphql. The open-data routes (Open311, the GeoJSON feed, CSV exports) are views
 * of the GraphQL contract and nothing else: no second source of truth, no second authorization.
 */
export type Execute = <T>(
  request: FastifyRequest,
  identity: Identity,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<Answer<T>>;

export function createExecute(apollo: ApolloServer<GatewayContext>): Execute {
  return async <T>(
    request: FastifyRequest,
    identity: Identity,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Answer<T>> => {
    const response = await apollo.executeOperation<T>(
      { query, variables },
      {
        contextValue: {
          identity,
          requestId: request.id,
          traceparent: validTraceparent(request.headers.traceparent),
          receivedAt: performance.now(),
          client: request.ip,
        },
      },
    );
    if (response.body.kind !== 'single') throw new Error('an open-data operation answered incrementally');
    const { data, errors } = response.body.singleResult;
    return { ...(data === undefined ? {} : { data }), ...(errors ? { errors } : {}) };
  };
}

/** HTTP status of a typed GraphQL error (extensions.code); anything unexpected is the platform's fault. */
export function statusOf(errors: readonly GraphQLFormattedError[]): number {
  const code = errors[0]?.extensions?.code;
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'GRAPHQL_PARSE_FAILED':
    case 'INVALID_TRANSITION':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    default:
      // A subgraph down or timing out: the platform cannot answer now (never a 500 for what was sent).
      return 503;
  }
}

/** The caller of an open-data route: anonymous (PUBLIC) without a token; a bad token is a 401. */
export async function callerOf(
  authenticator: Authenticator,
  request: FastifyRequest,
  reply: FastifyReply,
  refuse: (reply: FastifyReply, status: number, message: string) => FastifyReply,
): Promise<Identity | null> {
  try {
    return await authenticator.identify(request.headers.authorization);
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      refuse(reply, 401, error.message);
      return null;
    }
    throw error;
  }
}
