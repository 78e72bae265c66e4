import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, getVariableValues, visit, type DocumentNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError } from '@pcc/http';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@pcc/subgraph-kit/pagination';

/** The page-size argument of every paged list. */
const PAGE_SIZE = 'first';

/**
 * A paged list (a field with a `first` argument) costs its selection once per item it may return:
 * `first` as the request's variables give it, else the subgraphs' default page size, never more than
 * their maximum (a larger `first` is refused by the subgraph anyway).
 */
const pagedListEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === PAGE_SIZE)) return undefined;
  const first: unknown = args[PAGE_SIZE];
  const items = typeof first === 'number' ? Math.min(Math.max(first, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * items;
};

/**
 * What the cost limit keeps per parsed document (Apollo Server keeps one parsed document per query
 * text and schema, so the same operation is the same object):
 * - `variables`: the ones an estimate can depend on, found once: those given as a `first` argument (a
 *   page size) or as the `if` of `@skip`/`@include` (a selection kept or not). No other variable moves
 *   it, whatever its value: an intake's whole report, a filter, a cursor;
 * - `costs`: the estimates made, by `costKey`. An estimate is a pure function of the key, and
 *   dashboards send the same few operations all day. A request whose estimate is kept is neither
 *   coerced nor walked here (execution coerces its variables, and refuses bad ones).
 */
interface DocumentCosts {
  variables: readonly string[];
  costs: Map<string, number>;
}
const byDocument = new WeakMap<DocumentNode, DocumentCosts>();
const MAX_ESTIMATES_PER_DOCUMENT = 1_000;

function costsOf(document: DocumentNode): DocumentCosts {
  let kept = byDocument.get(document);
  if (!kept) {
    const found = new Set<string>();
    visit(document, {
      Argument(argument) {
        if (
          (argument.name.value === PAGE_SIZE || argument.name.value === 'if') &&
          argument.value.kind === Kind.VARIABLE
        )
          found.add(argument.value.name.value);
      },
    });
    byDocument.set(document, (kept = { variables: [...found], costs: new Map() }));
  }
  return kept;
}

/** What an estimate is kept under: the operation's name and the values of the variables it depends on. */
export function costKey(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): string {
  return keyOf(costsOf(document), operationName, variables);
}

function keyOf(
  kept: DocumentCosts,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): string {
  // A variable left out ([]) is not one given as null ([null]): the first takes its default.
  const values = kept.variables.map((name) => (variables && Object.hasOwn(variables, name) ? [variables[name]] : []));
  return JSON.stringify([operationName ?? null, values]);
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
          const kept = costsOf(document);
          const { costs } = kept;
          const key = keyOf(kept, operationName, request.variables);
          let cost = costs.get(key);
          try {
            if (cost === undefined) {
              // Variables the operation's types refuse: execution refuses them too, before any subgraph is called.
              const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
              if (variables.errors) return;
              cost = getComplexity({
                schema,
                query: document,
                variables: variables.coerced,
                ...(operationName ? { operationName } : {}),
                estimators: [pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
              // Bounded: many distinct page sizes start the document's memory afresh.
              if (costs.size >= MAX_ESTIMATES_PER_DOCUMENT) costs.clear();
              costs.set(key, cost);
            }
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
