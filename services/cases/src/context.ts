import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import type { SlaHours } from './domain/sla';
import { CaseReader } from './providers/case-reader';
import { CaseWorkflow } from './providers/case-workflow';
import { callerOrganizationId, type RequestScope } from './providers/scope';
import { createLoaders, type Loaders } from './store/loaders';

/** What resolvers get for one request. */
export interface Context extends BaseContext {
  workflow: CaseWorkflow;
  reader: CaseReader;
  loaders: Loaders;
  /** The caller's organization id (officers), looked up once per request. */
  callerOrganizationId: () => Promise<string | null>;
}

export function createContext(dataSource: DataSource, sla: SlaHours) {
  return (base: BaseContext): Context => {
    const scope: RequestScope = { dataSource, identity: base.identity, traceparent: base.traceparent, sla };
    let callerOrg: Promise<string | null> | undefined;
    return {
      ...base,
      workflow: new CaseWorkflow(scope),
      reader: new CaseReader(scope),
      loaders: createLoaders(dataSource),
      callerOrganizationId: () => (callerOrg ??= callerOrganizationId(scope)),
    };
  };
}
