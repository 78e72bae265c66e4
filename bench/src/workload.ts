/**
 * The mixed workload: a population of distinct callers, each sending the operations of its role with
 * its own variables, in one seeded sequence that every gateway replays identically.
 */
import { seededRandom } from '@pcc/db';

export type Role = 'LGO_OFFICER' | 'ANALYST' | 'NETWORK_ADMIN' | 'PUBLIC';

export interface Caller {
  /** Distinct per caller, so no two callers' reads are ever shared by a gateway. */
  sub: string;
  role: Role;
  /** An officer's organization code; null for everyone else. */
  org: string | null;
}

/** What each request asks; the file in `operations/` that holds its query. */
export const KINDS = {
  'province dashboard': 'dashboard.graphql',
  'organization page': 'organization-page.graphql',
  'case list': 'case-list.graphql',
  'project list': 'project-list.graphql',
  'waste summary': 'waste-summary.graphql',
  'case tracking': 'case-tracking.graphql',
} as const;
export type Kind = keyof typeof KINDS;

/**
 * The operations each role runs, with how often. Officers look at their own organization; analysts
 * and admins at any; anonymous citizens follow a case and look at an organization's public page.
 */
export const ROLE_KINDS: Record<Role, ReadonlyArray<readonly [Kind, number]>> = {
  LGO_OFFICER: [
    ['province dashboard', 2],
    ['organization page', 2],
    ['case list', 4],
    ['project list', 2],
    ['waste summary', 1],
  ],
  NETWORK_ADMIN: [
    ['province dashboard', 2],
    ['organization page', 2],
    ['case list', 2],
    ['project list', 1],
    ['waste summary', 1],
  ],
  ANALYST: [
    ['province dashboard', 3],
    ['organization page', 1],
    ['project list', 2],
    ['waste summary', 2],
  ],
  PUBLIC: [
    ['case tracking', 3],
    ['organization page', 1],
  ],
};

/** A case list request: whose cases, which filter, which page (1 = first; later pages need a cursor). */
export interface CaseListQuery {
  organization: string;
  filter: 'open' | 'overdue' | 'waste';
  page: number;
}

export type Variables =
  | { kind: 'province dashboard'; fiscalYear: number }
  | { kind: 'organization page'; code: string }
  | { kind: 'case list'; list: CaseListQuery }
  | { kind: 'project list'; organizationId: string; fiscalYear: number }
  | { kind: 'waste summary'; fiscalYear: number }
  | { kind: 'case tracking'; code: string };

export interface Step {
  caller: Caller;
  request: Variables;
}

export interface Population {
  officersPerOrganization: number;
  analysts: number;
  admins: number;
  citizens: number;
}

export const POPULATION: Population = { officersPerOrganization: 4, analysts: 10, admins: 5, citizens: 40 };
/** Fiscal years the dashboards, project lists and waste summaries ask about (all hold data at scale). */
export const FISCAL_YEARS = [2566, 2567, 2568] as const;
export const CASE_FILTERS: ReadonlyArray<CaseListQuery['filter']> = ['open', 'overdue', 'waste'];
export const CASE_PAGES = 3;

/** Everyone who calls: officers of every organization, analysts, network admins, anonymous citizens. */
export function callers(organizationCodes: readonly string[], population: Population = POPULATION): Caller[] {
  const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
  return [
    ...organizationCodes.flatMap((org) =>
      numbered(`bench-officer-${org}`, population.officersPerOrganization).map((sub): Caller => ({
        sub,
        role: 'LGO_OFFICER',
        org,
      })),
    ),
    ...numbered('bench-analyst', population.analysts).map((sub): Caller => ({ sub, role: 'ANALYST', org: null })),
    ...numbered('bench-admin', population.admins).map((sub): Caller => ({ sub, role: 'NETWORK_ADMIN', org: null })),
    // Citizens send no token: the gateway sees them all as PUBLIC; the sub only tells them apart here.
    ...numbered('bench-citizen', population.citizens).map((sub): Caller => ({ sub, role: 'PUBLIC', org: null })),
  ];
}

export interface WorkloadInput {
  seed: number;
  length: number;
  /** The organizations (code → id) the officers belong to and the others look at. */
  organizations: ReadonlyArray<{ id: string; code: string }>;
  /** Tracking codes of existing cases, for the citizens. */
  trackingCodes: readonly string[];
  population?: Population;
  /**
   * One kind alone (the province dashboard alone, say): only the callers whose role runs it call, each
   * with its own variables. Without it, every caller sends the mix of its role.
   */
  only?: Kind | undefined;
}

/** `length` requests, the same for the same input: each a caller drawn from the population and one of its role's operations. */
export function workload(input: WorkloadInput): Step[] {
  const random = seededRandom(input.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const weighted = <T>(xs: ReadonlyArray<readonly [T, number]>): T => {
    let r = random() * xs.reduce((sum, [, w]) => sum + w, 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs.at(-1)![0];
  };
  const population = callers(
    input.organizations.map((o) => o.code),
    input.population,
  ).filter((caller) => input.only === undefined || ROLE_KINDS[caller.role].some(([kind]) => kind === input.only));
  if (population.length === 0) throw new Error(`no caller's role runs ${input.only}`);
  const idOf = new Map(input.organizations.map((o) => [o.code, o.id]));
  const steps: Step[] = [];
  for (let i = 0; i < input.length; i += 1) {
    const caller = pick(population);
    const kind = input.only ?? weighted(ROLE_KINDS[caller.role]);
    // Officers look at their own organization; everyone else at any.
    const organization =
      caller.org !== null ? { code: caller.org, id: idOf.get(caller.org)! } : pick(input.organizations);
    const request = ((): Variables => {
      switch (kind) {
        case 'province dashboard':
          return { kind, fiscalYear: pick(FISCAL_YEARS) };
        case 'organization page':
          return { kind, code: organization.code };
        case 'case list':
          // First pages are the most read; later ones less.
          return {
            kind,
            list: {
              organization: organization.id,
              filter: pick(CASE_FILTERS),
              page: weighted(Array.from({ length: CASE_PAGES }, (_, p) => [p + 1, CASE_PAGES - p] as const)),
            },
          };
        case 'project list':
          return { kind, organizationId: organization.id, fiscalYear: pick(FISCAL_YEARS) };
        case 'waste summary':
          return { kind, fiscalYear: pick(FISCAL_YEARS) };
        case 'case tracking':
          return { kind, code: pick(input.trackingCodes) };
      }
    })();
    steps.push({ caller, request });
  }
  return steps;
}
