import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import type { SlaHours } from './domain/sla';
import { CaseReader } from './providers/case-reader';
import { CaseWorkflow } from './providers/case-workflow';
import { OrganizationFigures } from './store/organization-figures';
import { caseScope } from './providers/scope';
import { createLoaders, type Loaders } from './store/loaders';

/** What resolvers get for one request. */
export interface Context extends BaseContext {
  workflow: CaseWorkflow;
  reader: CaseReader;
  loaders: Loaders;
}

export function createContext(dataSource: DataSource, sla: SlaHours) {
  // Kept by the process between requests: every request reads the versions it is served at.
  const figures = new OrganizationFigures(dataSource);
  return (base: BaseContext): Context => {
    const scope = caseScope(dataSource, base.identity, sla, base.traceparent, base.answer);
    const loaders = createLoaders(dataSource, figures, base.answer);
    return {
      ...base,
      workflow: new CaseWorkflow(scope),
      reader: new CaseReader(scope, loaders, figures),
      loaders,
    };
  };
}
