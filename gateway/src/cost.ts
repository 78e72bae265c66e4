import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getVariableValues, type DocumentNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError } from '@pcc/http';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@pcc/subgraph-kit/pagination';

/**
 * A paged list (a field with a `first` argument) costs its selection once per item it may return:
 * `first` as the request's variables give it, else the subgraphs' default page size, never more than
 * their maximum (a larger `first` is refused by the subgraph anyway).
 */
const pagedListEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first: unknown = args.first;
  const items = typeof first === 'number' ? Math.min(Math.max(first, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * items;
};

/**
 * Costs already estimated, per parsed document (Apollo Server keeps one parsed document per query
 * text and schema, so the same operation is the same object) and its operation name and variables:
 * the estimate is a pure function of them, and dashboards send the same few operations all day.
 */
const estimated = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_ESTIMATES_PER_DOCUMENT = 1_000;

function remembered(document: DocumentNode, key: string, estimate: () => number): number {
  let costs = estimated.get(document);
  if (!costs) estimated.set(document, (costs = new Map<string, number>()));
  const kept = costs.get(key);
  if (kept !== undefined) return kept;
  const cost = estimate();
  // Bounded: many distinct variables (page cursors, say) start the document's memory afresh.
  if (costs.size >= MAX_ESTIMATES_PER_DOCUMENT) costs.clear();
  costs.set(key, cost);
  return cost;
}

/**
 * Refuses, before any subgraph is called, an operation whose estimated cost (every field 1, every
 * paged list times its page size, with the request's variable values) exceeds `maxCost`: 400
 * BAD_USER_INPUT with `cost` and `maxCost`. Computed on the gateway's API schema.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation, operationName }) {
          if (!operation) return; // refused by operationResolutionPlugin
          // Variables the operation's types refuse: execution refuses them too, before any subgraph is called.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return;
          let cost: number;
          try {
            cost = remembered(document, JSON.stringify([operationName ?? null, variables.coerced]), () =>
              getComplexity({
                schema,
                query: document,
                variables: variables.coerced,
                ...(operationName ? { operationName } : {}),
                estimators: [pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
              }),
            );
          } catch (error) {
            // More nodes than the estimate evaluates (e.g. fragments spread over and over).
            if (error instanceof GraphQLError)
              throw new AppError('BAD_USER_INPUT', error.message, { http: { status: 400 } });
            throw error;
          }
          if (cost > maxCost)
            throw new AppError('BAD_USER_INPUT', `The query is too costly (${cost}; at most ${maxCost})`, {
              cost,
              maxCost,
              http: { status: 400 },
            });
        },
      };
    },
  };
}
