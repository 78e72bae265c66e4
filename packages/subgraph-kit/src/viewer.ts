import type { DataSource } from 'typeorm';
import { forbidden, type Identity, type Role } from '@pcc/http';

/** The caller's own organization, as the service knows it. */
export interface ViewerOrganization {
  id: string;
  active: boolean;
}

/**
 * Turns an officer's organization code (tokens carry codes, records carry ids) into the
 * organization: the services that keep a projection read it there, the registry reads its own table.
 */
export type OrganizationLookup = (code: string) => Promise<ViewerOrganization | null>;

interface Rule {
  /** What the action does, for the error message ("report waste"). */
  readonly what: string;
  /** Roles that may, whatever the organization. */
  readonly roles: readonly Role[];
  /**
   * Whether LGO officers may too, for their own organization only, and only while it is a member of
   * the network: after it left, only a network admin changes its records.
   */
  readonly ownOrganization?: true;
}

const ADMIN: readonly Role[] = ['NETWORK_ADMIN'];

/** Every action a service authorizes, and who may do it. */
const ACTIONS = {
  'organization:register': { what: 'register organizations', roles: ADMIN },
  'organization:deactivate': { what: 'deactivate organizations', roles: ADMIN },
  'organization:update': { what: 'change this organization', roles: ADMIN, ownOrganization: true },
  'member:manage': { what: "manage this organization's members", roles: ADMIN, ownOrganization: true },
  'member:manageUnaffiliated': { what: 'manage members outside any organization', roles: ADMIN },
  'agreement:manage': { what: 'manage agreements', roles: ADMIN },
  'meeting:manage': { what: 'record meetings and their resolutions', roles: ADMIN },
  'followUpAction:update': { what: 'update this follow-up action', roles: ADMIN, ownOrganization: true },
  'case:open': { what: 'open cases', roles: ['PUBLIC', 'LGO_OFFICER', 'NETWORK_ADMIN'] },
  'case:setRoutingRule': { what: 'set routing rules', roles: ADMIN },
  'plan:write': { what: 'write development plans', roles: ADMIN, ownOrganization: true },
  'plan:publish': { what: 'publish development plans', roles: ADMIN, ownOrganization: true },
  'project:propose': { what: 'propose projects', roles: ADMIN, ownOrganization: true },
  'accumulatedFunds:report': { what: 'report accumulated funds', roles: ADMIN, ownOrganization: true },
  'waste:report': { what: 'report waste', roles: ADMIN, ownOrganization: true },
  'waste:setBaseline': { what: 'set waste baselines', roles: ADMIN },
  'waste:review': { what: 'verify or return waste reports', roles: ADMIN },
  'notification:manage': { what: "manage this organization's notifications", roles: ADMIN, ownOrganization: true },
  'notification:manageNetwork': { what: "manage the network centre's notifications", roles: ADMIN },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof ACTIONS;
/** Actions about one organization: `assert` needs its id. */
export type OrganizationAction = {
  [A in Action]: (typeof ACTIONS)[A] extends { ownOrganization: true } ? A : never;
}[Action];
/** Actions decided by the role alone. */
export type RoleAction = Exclude<Action, OrganizationAction>;

/**
 * Who is calling and what they may do, for one request (Hive's `assertPerformAction`). An officer's
 * organization is looked up at most once per request, however many rows ask about it.
 */
export class Viewer {
  private own?: Promise<ViewerOrganization | null>;

  constructor(
    readonly identity: Identity,
    private readonly lookup: OrganizationLookup,
  ) {}

  get role(): Role {
    return this.identity.role;
  }

  is(...roles: Role[]): boolean {
    return roles.includes(this.identity.role);
  }

  /** Network admins and officers: the staff who see personal data of their own records. */
  get isStaff(): boolean {
    return this.is('NETWORK_ADMIN', 'LGO_OFFICER');
  }

  /** An officer's own organization (null for everyone else, and for a code the service does not know). */
  organization(): Promise<ViewerOrganization | null> {
    const code = this.identity.role === 'LGO_OFFICER' ? this.identity.org : null;
    if (!code) return Promise.resolve(null);
    this.own ??= this.lookup(code);
    return this.own;
  }

  async organizationId(): Promise<string | null> {
    return (await this.organization())?.id ?? null;
  }

  /**
   * An officer's organization while it is a member of the network: the one whose records they may
   * change (null for everyone else, and once it has left). Reads go by `organizationId()`.
   */
  async actingOrganizationId(): Promise<string | null> {
    const own = await this.organization();
    return own?.active ? own.id : null;
  }

  /** NETWORK_ADMIN, or an LGO officer of this organization (what they may see, not change). */
  async canActFor(organizationId: string | null): Promise<boolean> {
    if (this.identity.role === 'NETWORK_ADMIN') return true;
    return organizationId !== null && (await this.organizationId()) === organizationId;
  }

  /** Throws FORBIDDEN unless the caller may do `action` (for the organization with this id). */
  assert(action: RoleAction): Promise<void>;
  assert(action: OrganizationAction, organizationId: string): Promise<void>;
  async assert(action: Action, organizationId?: string): Promise<void> {
    const rule: Rule = ACTIONS[action];
    if (this.is(...rule.roles)) return;
    const { role, org } = this.identity;
    if (!rule.ownOrganization || role !== 'LGO_OFFICER' || organizationId === undefined)
      throw forbidden(
        rule.ownOrganization
          ? `Only officers of the organization or network admins may ${rule.what}`
          : `${role} may not ${rule.what}`,
      );
    const own = await this.organization();
    if (own?.id !== organizationId) throw forbidden(`Officers of ${org} may ${rule.what} for ${org} only`);
    if (!own.active) throw forbidden(`${org} has left the network; only a network admin may change it`);
  }
}

/** What every provider gets for one request: who asks, through which database, in which trace. */
export interface RequestScope {
  dataSource: DataSource;
  viewer: Viewer;
  identity: Identity;
  traceparent: string | undefined;
}

export function requestScope(
  dataSource: DataSource,
  identity: Identity,
  lookup: OrganizationLookup,
  traceparent?: string,
): RequestScope {
  return { dataSource, identity, viewer: new Viewer(identity, lookup), traceparent };
}
