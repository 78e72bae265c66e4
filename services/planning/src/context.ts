import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import type { AccumulatedFundsRules } from './domain/accumulated-funds';
import { AccumulatedFundsLedger } from './providers/accumulated-funds';
import { BudgetFigures } from './providers/budget-figures';
import { PlanReader } from './providers/plan-reader';
import { PlanManager } from './providers/plans';
import { ProjectProposals } from './providers/project-proposals';
import { ProjectReader } from './providers/project-reader';
import { ProjectWorkflow } from './providers/project-workflow';
import type { RequestScope } from './providers/scope';
import { createLoaders, type Loaders } from './store/loaders';

/** What resolvers get for one request: the providers acting for the caller, and the loaders. */
export interface Context extends BaseContext {
  plans: PlanManager;
  planReader: PlanReader;
  budget: BudgetFigures;
  accumulatedFunds: AccumulatedFundsLedger;
  proposals: ProjectProposals;
  workflow: ProjectWorkflow;
  reader: ProjectReader;
  loaders: Loaders;
}

export function createContext(
  dataSource: DataSource,
  options: { today?: () => string; accumulatedFunds?: AccumulatedFundsRules } = {},
) {
  return (base: BaseContext): Context => {
    const scope: RequestScope = {
      ...projectionScope(dataSource, base.identity, base.traceparent),
      ...(options.today ? { today: options.today } : {}),
      ...(options.accumulatedFunds ? { accumulatedFunds: options.accumulatedFunds } : {}),
    };
    const loaders = createLoaders(dataSource);
    return {
      ...base,
      plans: new PlanManager(scope),
      planReader: new PlanReader(scope),
      budget: new BudgetFigures(scope),
      accumulatedFunds: new AccumulatedFundsLedger(scope),
      proposals: new ProjectProposals(scope),
      workflow: new ProjectWorkflow(scope),
      reader: new ProjectReader(scope, loaders),
      loaders,
    };
  };
}
