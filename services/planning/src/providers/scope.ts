import type { DataSource, EntityManager } from 'typeorm';
import { bangkokDate } from '@pcc/fiscal-year';
import { organizationIdByCode } from '@pcc/organization-projection';
import type { Identity } from '@pcc/subgraph-kit';
import type { Actor } from '../domain/state-machine';

/** What every provider of this service gets for one request. */
export interface RequestScope {
  dataSource: DataSource;
  identity: Identity;
  traceparent: string | undefined;
  /** Today in Bangkok; tests pin it. */
  today?: () => string;
}

export const todayOf = (scope: { today?: () => string }): string => (scope.today ?? (() => bangkokDate()))();

/**
 * Who is asking, resolved once per request: an officer's token carries an organization code, records
 * carry ids, and the local organization projection maps one to the other.
 */
export class Viewer {
  private orgId?: Promise<string | null>;

  constructor(
    readonly identity: Identity,
    private readonly manager: EntityManager,
  ) {}

  /** The caller's own organization id (officers only), or null. */
  organizationId(): Promise<string | null> {
    if (this.identity.role !== 'LGO_OFFICER') return Promise.resolve(null);
    this.orgId ??= organizationIdByCode(this.manager, this.identity.org);
    return this.orgId;
  }

  /** Analysts and network admins see proposals; officers those their organization owns or partners in. */
  async seesProposalsOf(organizationIds: string[]): Promise<boolean> {
    if (this.identity.role === 'NETWORK_ADMIN' || this.identity.role === 'ANALYST') return true;
    const own = await this.organizationId();
    return own !== null && organizationIds.includes(own);
  }

  /** The caller's part in a project, for the state machine. */
  async actorFor(ownerOrganizationId: string): Promise<Actor> {
    switch (this.identity.role) {
      case 'NETWORK_ADMIN':
      case 'ANALYST':
      case 'PUBLIC':
        return this.identity.role;
      case 'LGO_OFFICER':
        return (await this.organizationId()) === ownerOrganizationId ? 'OWNER_OFFICER' : 'OTHER_OFFICER';
    }
  }

  /**
   * The SQL condition on project alias `p` that hides proposals (and projects cancelled before
   * approval) from whoever may not see them; parameters are named `viewer_*`.
   */
  async visibleProjects(): Promise<{ where: string; parameters: Record<string, unknown> }> {
    if (this.identity.role === 'NETWORK_ADMIN' || this.identity.role === 'ANALYST')
      return { where: 'TRUE', parameters: {} };
    const own = await this.organizationId();
    if (!own) return { where: 'p.approved_at IS NOT NULL', parameters: {} };
    return {
      where:
        '(p.approved_at IS NOT NULL OR p.owner_organization_id = :viewer_org OR EXISTS (SELECT 1 FROM project_partner vp WHERE vp.project_id = p.id AND vp.organization_id = :viewer_org))',
      parameters: { viewer_org: own },
    };
  }
}
