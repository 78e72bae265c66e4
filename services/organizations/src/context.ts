import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import { AgreementManager } from './providers/agreement-manager';
import { FollowUpActions } from './providers/follow-up-actions';
import { MeetingManager } from './providers/meeting-manager';
import { MemberManager } from './providers/member-manager';
import { OrganizationManager } from './providers/organization-manager';
import { registryScope } from './providers/deps';
import { createLoaders, type Loaders } from './store/loaders';

/** What resolvers get for one request: who asks, the providers acting for them, and the loaders. */
export interface Context extends BaseContext {
  organizations: OrganizationManager;
  members: MemberManager;
  agreements: AgreementManager;
  meetings: MeetingManager;
  actions: FollowUpActions;
  loaders: Loaders;
}

export function createContext(dataSource: DataSource) {
  return (base: BaseContext): Context => {
    const scope = registryScope(dataSource, base.identity, base.traceparent);
    return {
      ...base,
      organizations: new OrganizationManager(scope),
      members: new MemberManager(scope),
      agreements: new AgreementManager(scope),
      meetings: new MeetingManager(scope),
      actions: new FollowUpActions(scope),
      loaders: createLoaders(dataSource),
    };
  };
}
