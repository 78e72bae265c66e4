import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from '@pcc/http';

/**
 * Refuses a document in which the request names no operation it can run (an unknown `operationName`,
 * or several operations and none named) before execution, as a 400 BAD_USER_INPUT. Without a gateway,
 * graphql-js reports this as a result error that Apollo answers with 400; Apollo Gateway's executor
 * throws instead, which Apollo answers with 500 INTERNAL.
 */
export const operationResolutionPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        throw new AppError(
          'BAD_USER_INPUT',
          request.operationName
            ? `Unknown operation named "${request.operationName}"`
            : 'Must provide an operation name when the document holds several operations',
          { http: { status: 400 } },
        );
      },
    };
  },
};
