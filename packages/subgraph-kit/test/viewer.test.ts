import { AppError, Viewer, type Identity, type ViewerOrganization } from '../src';

const PATONG: ViewerOrganization = { id: '00000000-0000-4000-8000-000000000001', active: true };
const KATHU: ViewerOrganization = { id: '00000000-0000-4000-8000-000000000002', active: false };
const ADMIN: Identity = { sub: 'a', role: 'NETWORK_ADMIN', org: null };
const ANALYST: Identity = { sub: 'a', role: 'ANALYST', org: null };
const PUBLIC: Identity = { sub: 'anonymous', role: 'PUBLIC', org: null };
const officerOf = (org: string): Identity => ({ sub: 'o', role: 'LGO_OFFICER', org });

/** A registry of two organizations, counting how often it is asked. */
function viewerOf(identity: Identity) {
  const asked: string[] = [];
  const viewer = new Viewer(identity, async (code) => {
    asked.push(code);
    return ({ PATONG, KATHU } as Record<string, ViewerOrganization>)[code] ?? null;
  });
  return { viewer, asked };
}

const refusal = async (check: Promise<void>): Promise<string> => {
  const error: unknown = await check.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return `${error.code}: ${error.message}`;
};

describe('Viewer', () => {
  it('looks the officer’s organization up once per request, however often it is asked', async () => {
    const { viewer, asked } = viewerOf(officerOf('PATONG'));
    const answers = await Promise.all([
      viewer.canActFor(PATONG.id),
      viewer.canActFor(KATHU.id),
      viewer.organizationId(),
      viewer.assert('waste:report', PATONG.id),
    ]);
    expect(answers).toEqual([true, false, PATONG.id, undefined]);
    expect(asked).toEqual(['PATONG']);
  });

  it('never looks anything up for callers without an organization', async () => {
    for (const identity of [ADMIN, ANALYST, PUBLIC]) {
      const { viewer, asked } = viewerOf(identity);
      expect(await viewer.organization()).toBeNull();
      expect(asked).toEqual([]);
    }
  });

  it.each([
    [ADMIN, PATONG.id, true],
    [ADMIN, null, true],
    [officerOf('PATONG'), PATONG.id, true],
    [officerOf('PATONG'), KATHU.id, false],
    [officerOf('PATONG'), null, false],
    [officerOf('UNKNOWN'), PATONG.id, false],
    [ANALYST, PATONG.id, false],
    [PUBLIC, PATONG.id, false],
  ] as const)('canActFor: %o for %s is %s', async (identity, organizationId, expected) => {
    expect(await viewerOf(identity).viewer.canActFor(organizationId)).toBe(expected);
  });

  it('lets role actions through for their roles only', async () => {
    await expect(viewerOf(ADMIN).viewer.assert('waste:setBaseline')).resolves.toBeUndefined();
    expect(await refusal(viewerOf(officerOf('PATONG')).viewer.assert('waste:setBaseline'))).toBe(
      'FORBIDDEN: LGO_OFFICER may not set waste baselines',
    );
    await expect(viewerOf(PUBLIC).viewer.assert('case:open')).resolves.toBeUndefined();
    expect(await refusal(viewerOf(ANALYST).viewer.assert('case:open'))).toBe('FORBIDDEN: ANALYST may not open cases');
  });

  it('lets organization actions through for network admins and the organization’s own officers', async () => {
    await expect(viewerOf(ADMIN).viewer.assert('plan:write', KATHU.id)).resolves.toBeUndefined();
    await expect(viewerOf(officerOf('PATONG')).viewer.assert('plan:write', PATONG.id)).resolves.toBeUndefined();
    expect(await refusal(viewerOf(officerOf('PATONG')).viewer.assert('plan:write', KATHU.id))).toBe(
      'FORBIDDEN: Officers of PATONG may write development plans for PATONG only',
    );
    expect(await refusal(viewerOf(officerOf('UNKNOWN')).viewer.assert('plan:write', PATONG.id))).toBe(
      'FORBIDDEN: Officers of UNKNOWN may write development plans for UNKNOWN only',
    );
    expect(await refusal(viewerOf(ANALYST).viewer.assert('plan:write', PATONG.id))).toBe(
      'FORBIDDEN: Only officers of the organization or network admins may write development plans',
    );
  });

  it('keeps the officers of an organization that left the network from changing it; admins still may', async () => {
    // Seeing its records still works (e.g. its members' contacts, its reporters' names) ...
    expect(await viewerOf(officerOf('KATHU')).viewer.canActFor(KATHU.id)).toBe(true);
    expect(await viewerOf(officerOf('KATHU')).viewer.organizationId()).toBe(KATHU.id);
    // ... changing anything of it does not, whatever the action.
    expect(await viewerOf(officerOf('KATHU')).viewer.actingOrganizationId()).toBeNull();
    expect(await viewerOf(officerOf('PATONG')).viewer.actingOrganizationId()).toBe(PATONG.id);
    for (const action of [
      'organization:update',
      'member:manage',
      'plan:write',
      'plan:publish',
      'project:propose',
      'waste:report',
    ] as const) {
      expect(await refusal(viewerOf(officerOf('KATHU')).viewer.assert(action, KATHU.id))).toBe(
        'FORBIDDEN: KATHU has left the network; only a network admin may change it',
      );
      await expect(viewerOf(ADMIN).viewer.assert(action, KATHU.id)).resolves.toBeUndefined();
    }
  });
});
