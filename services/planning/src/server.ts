import { join } from 'node:path';
import { defineSubgraph, loadSchemaFile, type SubgraphDeps } from '@pcc/subgraph-kit';
import { createContext, type Context } from './context';
import type { AccumulatedFundsRules } from './domain/accumulated-funds';
import { resolvers } from './resolvers';
import { service } from './service';

export const typeDefs = loadSchemaFile(join(__dirname, '..', 'schema.graphql'));

/**
 * `today`: the Bangkok date delays are judged on (tests pin it; by default the real one);
 * `accumulatedFunds`: the rules from configuration (the regulation's defaults without it).
 */
export interface PlanningDeps extends SubgraphDeps {
  today?: () => string;
  accumulatedFunds?: AccumulatedFundsRules;
}

/** Builds the planning subgraph without listening and without I/O of its own. */
export const createServer = defineSubgraph<Context, PlanningDeps>({
  name: service.name,
  typeDefs,
  resolvers,
  context: (deps) =>
    createContext(deps.dataSource, {
      ...(deps.today ? { today: deps.today } : {}),
      ...(deps.accumulatedFunds ? { accumulatedFunds: deps.accumulatedFunds } : {}),
    }),
});

export { migrations } from './store/migrations';
export { entities } from './store/entities';
export { organizationProjection } from '@pcc/organization-projection';
export { caseProjection } from './events/case-projection';
export { reportDelays } from './providers/delays';
export { reportLapses } from './providers/accumulated-funds';
export { seed } from './seed/seed';
