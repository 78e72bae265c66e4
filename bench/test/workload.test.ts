import { callers, POPULATION, ROLE_KINDS, workload, type WorkloadInput } from '../src/workload';

const CODES = Array.from({ length: 19 }, (_, i) => `ORG-${i + 1}`);
const organizations = CODES.map((code, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, code }));
const input: WorkloadInput = {
  seed: 13,
  length: 5_000,
  organizations,
  trackingCodes: ['PCC-2567-000001', 'PCC-2568-000002', 'PCC-2569-000003'],
};

describe('the mixed workload', () => {
  it('is the same sequence for the same seed, and another for another seed', () => {
    expect(workload(input)).toEqual(workload(input));
    expect(workload({ ...input, seed: 14 })).not.toEqual(workload(input));
  });

  it('has distinct callers: officers of every organization, analysts, network admins and citizens', () => {
    const population = callers(CODES);
    expect(new Set(population.map((c) => c.sub)).size).toBe(population.length);
    expect(population).toHaveLength(
      19 * POPULATION.officersPerOrganization + POPULATION.analysts + POPULATION.admins + POPULATION.citizens,
    );
    for (const code of CODES)
      expect(population.filter((c) => c.role === 'LGO_OFFICER' && c.org === code)).toHaveLength(
        POPULATION.officersPerOrganization,
      );
    // The sequence draws on (nearly) the whole population, not a handful of callers.
    const used = new Set(workload(input).map((s) => s.caller.sub));
    expect(used.size).toBe(population.length);
  });

  it("gives every role only its own operations, and officers only their own organization's records", () => {
    const idOf = new Map(organizations.map((o) => [o.code, o.id]));
    for (const { caller, request } of workload(input)) {
      expect(ROLE_KINDS[caller.role].map(([kind]) => kind)).toContain(request.kind);
      if (caller.role !== 'LGO_OFFICER') continue;
      if (request.kind === 'organization page') expect(request.code).toBe(caller.org);
      if (request.kind === 'case list') expect(request.list.organization).toBe(idOf.get(caller.org!));
      if (request.kind === 'project list') expect(request.organizationId).toBe(idOf.get(caller.org!));
    }
  });

  it('covers every operation kind, several fiscal years, filters and later case-list pages', () => {
    const steps = workload(input);
    expect(new Set(steps.map((s) => s.request.kind))).toEqual(
      new Set(Object.values(ROLE_KINDS).flatMap((kinds) => kinds.map(([kind]) => kind))),
    );
    const years = new Set(
      steps.flatMap((s) => (s.request.kind === 'province dashboard' ? [s.request.fiscalYear] : [])),
    );
    expect(years.size).toBeGreaterThanOrEqual(2);
    const lists = steps.flatMap((s) => (s.request.kind === 'case list' ? [s.request.list] : []));
    expect(new Set(lists.map((l) => l.filter)).size).toBeGreaterThanOrEqual(3);
    expect(lists.some((l) => l.page > 1)).toBe(true);
    expect(lists.some((l) => l.page === 1)).toBe(true);
  });

  it('runs one kind alone with the distinct callers whose role runs it, each with its own variables', () => {
    const steps = workload({ ...input, only: 'province dashboard' });
    expect(new Set(steps.map((s) => s.request.kind))).toEqual(new Set(['province dashboard']));
    const runsIt = callers(CODES).filter((c) => c.role !== 'PUBLIC');
    expect(new Set(steps.map((s) => s.caller.sub))).toEqual(new Set(runsIt.map((c) => c.sub)));
    const years = new Set(steps.map((s) => (s.request.kind === 'province dashboard' ? s.request.fiscalYear : 0)));
    expect(years.size).toBeGreaterThanOrEqual(2);
    expect(() =>
      workload({
        ...input,
        population: { ...POPULATION, officersPerOrganization: 0, analysts: 0, admins: 0 },
        only: 'province dashboard',
      }),
    ).toThrow(/no caller/);
  });
});
