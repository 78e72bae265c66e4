import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import { PlanManager } from './providers/plans';
import { ProjectProposals } from './providers/project-proposals';
import { ProjectReader } from './providers/project-reader';
import { ProjectWorkflow } from './providers/project-workflow';
import { Viewer, type RequestScope } from './providers/scope';
import { createLoaders, type Loaders } from './store/loaders';
import type { ProjectEntity } from './store/entities';

/** What resolvers get for one request. */
export interface Context extends BaseContext {
  dataSource: DataSource;
  viewer: Viewer;
  plans: PlanManager;
  proposals: ProjectProposals;
  workflow: ProjectWorkflow;
  reader: ProjectReader;
  loaders: Loaders;
  /** Whether the caller may see this project (proposals only for those who may). */
  canSee(project: ProjectEntity): Promise<boolean>;
}

export function createContext(dataSource: DataSource, options: { today?: () => string } = {}) {
  return (base: BaseContext): Context => {
    const scope: RequestScope = {
      dataSource,
      identity: base.identity,
      traceparent: base.traceparent,
      ...(options.today ? { today: options.today } : {}),
    };
    const viewer = new Viewer(base.identity, dataSource.manager);
    const loaders = createLoaders(dataSource);
    return {
      ...base,
      dataSource,
      viewer,
      plans: new PlanManager(scope),
      proposals: new ProjectProposals(scope),
      workflow: new ProjectWorkflow(scope),
      reader: new ProjectReader(scope, viewer),
      loaders,
      canSee: async (project) => {
        if (project.approvedAt) return true;
        const partners = await loaders.partnersByProject.load(project.id);
        return viewer.seesProposalsOf([project.ownerOrganizationId, ...partners.map((p) => p.organization_id)]);
      },
    };
  };
}
