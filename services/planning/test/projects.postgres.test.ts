import { randomUUID } from 'node:crypto';
import { QueryCounter } from '@pcc/db';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  createTestDatabase,
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type GraphQLResponse,
  type TestDatabase,
} from '@pcc/testing';
import { caseProjection, createServer, entities, migrations, reportDelays } from '../src/server';
import { caseEvent } from './case-events';

const SECRET = 'planning-test-internal-secret-0123456789abcdef';
const TODAY = '2018-02-20';
/** The Bangkok date the service judges delays on; tests move it. */
let today = TODAY;
const ORGS = { 'PKT-PAO': randomUUID(), PATONG: randomUUID(), KATHU: randomUUID() };
const ADMIN: Identity = IdentityFactory.admin();
const PATONG: Identity = IdentityFactory.officer('PATONG', 'patong-officer');
const KATHU: Identity = IdentityFactory.officer('KATHU', 'kathu-officer');
const ANALYST: Identity = IdentityFactory.analyst();
const PUBLIC: Identity = IdentityFactory.public();

type Result = GraphQLResponse<Record<string, unknown>>;

/** Plans, projects, their rules, who may do what, delays, summaries and case links, on a real database. */
describe('planning (real PostgreSQL)', () => {
  const counter = new QueryCounter();
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);
  const strategies: Record<string, string> = {};

  // The documents here are assembled from parts (one `act` for every project transition), so they
  // go as text; the answers are checked field by field below.
  const request = (query: string, variables: Record<string, unknown>, identity: Identity): Promise<Result> =>
    client.execute({ document: query, variables, as: identity });
  const ok = (r: Result) => expectNoGraphQLErrors(r);
  const code = (r: Result) => errorCodes(r)[0];
  const outboxCount = async (type: string, projectId: string) =>
    (
      await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM outbox WHERE type = $1 AND key = $2', [
        type,
        projectId,
      ])
    )[0].n;
  const outboxPayloads = async (typePattern: string, projectId: string) =>
    (
      await db.dataSource.query<Array<{ payload: Record<string, unknown> }>>(
        'SELECT payload FROM outbox WHERE type LIKE $1 AND key = $2 ORDER BY seq',
        [typePattern, projectId],
      )
    ).map((r) => r.payload);
  const snapshot = async () =>
    JSON.stringify(
      await db.dataSource.query(
        'SELECT (SELECT json_agg(p ORDER BY id) FROM project p) p, (SELECT count(*) FROM progress_report) r, (SELECT count(*) FROM project_partner) pp, (SELECT count(*) FROM project_case) c, (SELECT count(*) FROM outbox) o',
      ),
    );

  const PROJECT_FIELDS =
    'id code status budget approvedBudget disbursed progressPercent delayed delayReason coordination { status note } owner { id } partners { id }';
  const PROPOSE = `mutation ($input: ProposeProjectInput!) { proposeProject(input: $input) { ${PROJECT_FIELDS} } }`;
  const proposal = (overrides: Record<string, unknown> = {}) => ({
    ownerOrganizationId: ORGS.PATONG,
    fiscalYear: 2561,
    strategyId: strategies.PATONG,
    title: 'ก่อสร้างรางระบายน้ำ ซอยบางลา (Bangla drainage)',
    objective: 'End standing floods on Soi Bangla',
    target: '450 m of concrete drain',
    kpi: 'Flood spots on Soi Bangla',
    expectedResult: 'No standing water in the rainy season',
    fundingSource: 'ANNUAL_BUDGET',
    budget: '1200000.00',
    plannedStart: '2018-01-01',
    plannedEnd: '2018-04-11',
    ...overrides,
  });
  const propose = async (overrides: Record<string, unknown> = {}, identity: Identity = PATONG) =>
    ok(await request(PROPOSE, { input: proposal(overrides) }, identity)).proposeProject as { id: string; code: string };
  const act = (
    field: string,
    id: string,
    identity: Identity,
    args = '',
    variables: Record<string, unknown> = {},
    types = '',
  ) =>
    request(
      `mutation ($id: ID!${types}) { ${field}(id: $id${args}) { ${PROJECT_FIELDS} } }`,
      { id, ...variables },
      identity,
    );
  const approve = (
    id: string,
    approvedBudget: string,
    identity: Identity = PATONG,
    councilResolution: unknown = null,
  ) =>
    act(
      'approveProject',
      id,
      identity,
      ', input: $input',
      {
        input: {
          approvedBudget,
          councilResolution,
          // Accumulated funds need their purpose (and the ledger reported in beforeAll).
          accumulatedFundsPurpose: councilResolution ? 'PUBLIC_HARDSHIP_RELIEF' : null,
        },
      },
      ', $input: ApproveProjectInput!',
    );
  const report = (
    id: string,
    percent: number,
    amountDisbursed: string,
    identity: Identity = PATONG,
    reportedOn = today,
  ) =>
    act(
      'reportProgress',
      id,
      identity,
      ', input: $input',
      { input: { reportedOn, percent, amountDisbursed } },
      ', $input: ProgressReportInput!',
    );
  async function underWay(overrides: Record<string, unknown> = {}, approvedBudget = '1000000.00') {
    const { id } = await propose(overrides);
    ok(await approve(id, approvedBudget));
    ok(await act('startProcurement', id, PATONG));
    ok(await act('startImplementation', id, PATONG));
    return id;
  }

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'planning', migrations, entities, logger: counter });
    await OrganizationFactory.insert(
      db.dataSource,
      ...Object.entries(ORGS).map(([code, id]) => ({ id, code, nameTh: code, nameEn: code })),
    );
    server = await createServer({
      dataSource: db.dataSource,
      internalTokens: tokens,
      logLevel: 'silent',
      today: () => today,
    });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
    for (const [orgCode, identity] of [
      ['PATONG', PATONG],
      ['PKT-PAO', ADMIN],
    ] as const) {
      const plan = ok(
        await request(
          'mutation ($input: DevelopmentPlanInput!) { createDevelopmentPlan(input: $input) { id status strategies { id code approaches { id code } } } }',
          {
            input: {
              organizationId: ORGS[orgCode],
              title: `Local development plan 2561–2565 (${orgCode})`,
              firstFiscalYear: 2561,
              lastFiscalYear: 2565,
              strategies: [
                { code: 'S1', title: 'Infrastructure', approaches: [{ code: 'S1.1', title: 'Drainage' }] },
                { code: 'S3', title: 'Environment' },
              ],
            },
          },
          identity,
        ),
      ).createDevelopmentPlan as { id: string; status: string; strategies: Array<{ id: string }> };
      expect(plan.status).toBe('DRAFT');
      strategies[orgCode] = plan.strategies[0]!.id;
      ok(
        await request('mutation ($id: ID!) { publishDevelopmentPlan(id: $id) { status } }', { id: plan.id }, identity),
      );
      expect(await outboxCount('pcc.plan.published', plan.id)).toBe(1);
    }
  });
  beforeAll(async () => {
    ok(
      await request(
        'mutation ($input: AccumulatedFundsReportInput!) { reportAccumulatedFunds(input: $input) { available } }',
        {
          input: {
            organizationId: ORGS.PATONG,
            reportedOn: '2017-10-01',
            balance: '90000000.00',
            monthlyPersonnelCost: '2500000.00',
            annualBudget: '300000000.00',
          },
        },
        ADMIN,
      ),
    );
  });
  afterEach(() => {
    today = TODAY;
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  it('keeps plans of one organization from overlapping, and drafts to their organization', async () => {
    const overlapping = await request(
      'mutation ($input: DevelopmentPlanInput!) { createDevelopmentPlan(input: $input) { id } }',
      {
        input: {
          organizationId: ORGS.PATONG,
          title: 'Overlap',
          firstFiscalYear: 2565,
          lastFiscalYear: 2569,
          strategies: [{ code: 'S1', title: 'x' }],
        },
      },
      PATONG,
    );
    expect(code(overlapping)).toBe('CONFLICT');
    const kathuPlan = ok(
      await request(
        'mutation ($input: DevelopmentPlanInput!) { createDevelopmentPlan(input: $input) { id } }',
        {
          input: {
            organizationId: ORGS.KATHU,
            title: 'Kathu draft',
            firstFiscalYear: 2561,
            lastFiscalYear: 2565,
            strategies: [{ code: 'S1', title: 'x' }],
          },
        },
        KATHU,
      ),
    ).createDevelopmentPlan as { id: string };
    const plans = async (identity: Identity) =>
      (
        ok(
          await request(
            'query ($org: ID) { developmentPlans(organizationId: $org) { id } }',
            { org: ORGS.KATHU },
            identity,
          ),
        ).developmentPlans as unknown[]
      ).length;
    expect([await plans(KATHU), await plans(ADMIN), await plans(PATONG), await plans(PUBLIC)]).toEqual([1, 1, 0, 0]);
    expect(
      code(
        await request('mutation ($id: ID!) { publishDevelopmentPlan(id: $id) { id } }', { id: kathuPlan.id }, PATONG),
      ),
    ).toBe('FORBIDDEN');
  });

  it('takes a project from proposal to completion, with its events, and numbers it per organization and year', async () => {
    today = '2018-01-10'; // on schedule: 9 % of the time gone when work starts
    const { id, code: projectCode } = await propose({ fundingSource: 'ACCUMULATED_FUNDS' });
    expect(projectCode).toMatch(/^PATONG-2561-\d{3}$/);
    const before = await snapshot();
    expect(code(await approve(id, '1000000.00'))).toBe('BAD_USER_INPUT'); // accumulated funds: no council resolution yet
    expect(await snapshot()).toBe(before);
    const approved = ok(
      await approve(id, '1000000.00', PATONG, { reference: 'มติสภาฯ สมัยสามัญที่ 1/2561', date: '2018-01-05' }),
    ).approveProject;
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBudget: '1000000.00' });
    expect(code(await act('startImplementation', id, PATONG))).toBe('INVALID_TRANSITION'); // procurement first
    ok(await act('startProcurement', id, PATONG));
    ok(await act('startImplementation', id, PATONG));
    expect(code(await act('completeProject', id, PATONG))).toBe('INVALID_TRANSITION'); // not at 100 %
    ok(await report(id, 60, '600000.00'));
    expect(code(await report(id, 100, '400000.01'))).toBe('BAD_USER_INPUT'); // one satang over the approved budget
    const last = ok(await report(id, 100, '400000.00')).reportProgress;
    expect(last).toMatchObject({ disbursed: '1000000.00', progressPercent: 100 });
    const completed = ok(await act('completeProject', id, PATONG)).completeProject;
    expect(completed).toMatchObject({ status: 'COMPLETED', delayed: false });
    for (const action of ['approveProject', 'startProcurement', 'cancelProject']) {
      const args =
        action === 'approveProject'
          ? [', input: $input', { input: { approvedBudget: '1.00' } }, ', $input: ApproveProjectInput!']
          : action === 'cancelProject'
            ? [', reason: "x"', {}, '']
            : ['', {}, ''];
      expect(code(await act(action, id, PATONG, ...(args as [string, Record<string, unknown>, string])))).toBe(
        'INVALID_TRANSITION',
      );
    }
    const types = (
      await db.dataSource.query<Array<{ type: string }>>('SELECT type FROM outbox WHERE key = $1 ORDER BY seq', [id])
    ).map((r) => r.type);
    expect(types).toEqual([
      'pcc.project.proposed',
      'pcc.project.approved',
      'pcc.project.status-changed',
      'pcc.project.status-changed',
      'pcc.project.status-changed',
      'pcc.project.progress-reported',
      'pcc.project.progress-reported',
      'pcc.project.completed',
      'pcc.project.status-changed',
    ]);
  });

  it('refuses bad input with BAD_USER_INPUT and changes nothing', async () => {
    const { id } = await propose();
    const before = await snapshot();
    const cases: Array<[string, Promise<Result>, string]> = [
      ['a negative budget', request(PROPOSE, { input: proposal({ budget: '-5.00' }) }, PATONG), 'input.budget'],
      ['an over-precise budget', request(PROPOSE, { input: proposal({ budget: '100.001' }) }, PATONG), 'input.budget'],
      [
        'end before start',
        request(PROPOSE, { input: proposal({ plannedEnd: '2017-12-31' }) }, PATONG),
        'input.plannedEnd',
      ],
      [
        'an unknown strategy',
        request(PROPOSE, { input: proposal({ strategyId: randomUUID() }) }, PATONG),
        'input.strategyId',
      ],
      [
        "another organization's strategy",
        request(PROPOSE, { input: proposal({ strategyId: strategies['PKT-PAO'] }) }, PATONG),
        'input.strategyId',
      ],
      [
        'a fiscal year outside the plan',
        request(
          PROPOSE,
          { input: proposal({ fiscalYear: 2570, plannedStart: '2026-10-01', plannedEnd: '2027-01-01' }) },
          PATONG,
        ),
        'input.strategyId',
      ],
      [
        'a joint project without partners',
        request(PROPOSE, { input: proposal({ fundingSource: 'JOINT' }) }, PATONG),
        'input.partnerOrganizationIds',
      ],
      [
        'an unknown partner',
        request(PROPOSE, { input: proposal({ partnerOrganizationIds: [randomUUID()] }) }, PATONG),
        'input.partnerOrganizationIds',
      ],
      [
        'an edit with end before start',
        act('updateProject', id, PATONG, ', input: { plannedEnd: "2017-12-01" }'),
        'input.plannedEnd',
      ],
      ['a negative approved budget', approve(id, '-1.00'), 'input.approvedBudget'],
    ];
    for (const [name, request, field] of cases) {
      const result = await request;
      expect({
        name,
        code: code(result),
        fields: Object.keys(result.body.errors?.[0]?.extensions?.fields ?? {}),
      }).toEqual({
        name,
        code: 'BAD_USER_INPUT',
        fields: expect.arrayContaining([field]) as unknown,
      });
    }
    expect(await snapshot()).toBe(before);
    const running = await underWay();
    const beforeProgress = await snapshot();
    for (const [percent, amount] of [
      [101, '0.00'],
      [50, '-1.00'],
      [50, '10.999'],
    ] as const) {
      expect(code(await report(running, percent, amount))).toBe('BAD_USER_INPUT');
    }
    expect(code(await report(running, 10, '0.00', PATONG, '2018-02-21'))).toBe('BAD_USER_INPUT'); // tomorrow
    expect(code(await report(running, 10, '0.00', PATONG, '1999-12-31'))).toBe('BAD_USER_INPUT'); // out of range
    ok(await report(running, 10, '0.00', PATONG, '2018-02-10'));
    const afterFirst = await snapshot();
    expect(code(await report(running, 20, '0.00', PATONG, '2018-02-09'))).toBe('BAD_USER_INPUT'); // before the latest report
    expect(await snapshot()).toBe(afterFirst);
    expect(before).not.toBe(beforeProgress);
  });

  it("lets an officer of KATHU touch nothing of PATONG's project, and hides proposals from the public", async () => {
    const { id } = await propose();
    const before = await snapshot();
    const attempts = [
      approve(id, '1000.00', KATHU),
      act('updateProject', id, KATHU, ', input: { title: "Kathu was here" }'),
      act('cancelProject', id, KATHU, ', reason: "not ours"'),
      act('submitForCoordination', id, KATHU),
      act('linkProjectToCase', id, KATHU, `, caseId: "${randomUUID()}"`),
      request(PROPOSE, { input: proposal() }, KATHU),
      approve(id, '1000.00', ANALYST),
      approve(id, '1000.00', PUBLIC),
    ];
    for (const attempt of attempts) expect(code(await attempt)).toBe('FORBIDDEN');
    expect(await snapshot()).toBe(before);

    const visible = async (identity: Identity) => {
      const one = ok(await request('query ($id: ID!) { project(id: $id) { id } }', { id }, identity)).project;
      const list = ok(
        await request(
          'query ($org: ID) { projects(filter: { organizationId: $org }, first: 100) { edges { node { id } } } }',
          { org: ORGS.PATONG },
          identity,
        ),
      ).projects as { edges: Array<{ node: { id: string } }> };
      const entity = ok(
        await request(
          'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Project { id } } }',
          { reps: [{ __typename: 'Project', id }] },
          identity,
        ),
      )._entities as unknown[];
      return [one !== null, list.edges.some((e) => e.node.id === id), entity[0] !== null];
    };
    expect(await visible(PUBLIC)).toEqual([false, false, false]);
    expect(await visible(KATHU)).toEqual([false, false, false]);
    expect(await visible(PATONG)).toEqual([true, true, true]);
    expect(await visible(ANALYST)).toEqual([true, true, true]);
    ok(await approve(id, '900000.00'));
    expect(await visible(PUBLIC)).toEqual([true, true, true]);
    expect(await visible(KATHU)).toEqual([true, true, true]);
  });

  it('lets the officers of an organization that left the network change none of its projects or plans', async () => {
    const { id } = await propose();
    const before = await snapshot();
    await db.dataSource.query('UPDATE organization_projection SET active = false WHERE id = $1', [ORGS.PATONG]);
    try {
      const attempts = [
        act('updateProject', id, PATONG, ', input: { title: "After we left" }'),
        act('cancelProject', id, PATONG, ', reason: "we left"'),
        act('submitForCoordination', id, PATONG),
      ];
      for (const attempt of attempts) expect(code(await attempt)).toBe('FORBIDDEN');
      // A new proposal is refused before anyone's rights: the owner must be a member.
      expect(code(await request(PROPOSE, { input: proposal() }, PATONG))).toBe('BAD_USER_INPUT');
      expect(await snapshot()).toBe(before);
      // A network admin still may.
      ok(await act('cancelProject', id, ADMIN, ', reason: "the organization left"'));
    } finally {
      await db.dataSource.query('UPDATE organization_projection SET active = true WHERE id = $1', [ORGS.PATONG]);
    }
  });

  it('keeps a cancellation’s stated reason and coordination notes out of events, and from the public and analysts', async () => {
    const { id } = await propose();
    ok(await approve(id, '900000.00'));
    ok(await act('submitForCoordination', id, PATONG, ', note: "Khun Somchai at the PAO asked for it"'));
    const stated = 'Mr. Anan, the landowner, withdrew the land';
    ok(await act('cancelProject', id, PATONG, `, reason: "${stated}", reasonCode: SITE_UNAVAILABLE`));
    const [cancelled] = await outboxPayloads('pcc.project.cancelled%', id);
    expect(await outboxCount('pcc.project.cancelled', id)).toBe(0);
    expect(cancelled).toMatchObject({ reasonCode: 'SITE_UNAVAILABLE', project: { id, status: 'CANCELLED' } });
    expect(JSON.stringify(await outboxPayloads('%', id))).not.toMatch(/Anan|Somchai/);
    const read = `query ($id: ID!) { project(id: $id) { cancellationReason cancellationReasonCode coordination { note } } }`;
    const asSeenBy = async (identity: Identity) => ok(await request(read, { id }, identity)).project;
    for (const identity of [PATONG, ADMIN])
      expect(await asSeenBy(identity)).toEqual({
        cancellationReason: stated,
        cancellationReasonCode: 'SITE_UNAVAILABLE',
        coordination: { note: 'Khun Somchai at the PAO asked for it' },
      });
    for (const identity of [PUBLIC, ANALYST, KATHU])
      expect(await asSeenBy(identity)).toEqual({
        cancellationReason: null,
        cancellationReasonCode: 'SITE_UNAVAILABLE',
        coordination: { note: null },
      });
    // Without a code the cancellation says OTHER.
    const other = await propose();
    ok(await act('cancelProject', other.id, PATONG, ', reason: "Merged into another"'));
    expect((await outboxPayloads('pcc.project.cancelled.v2', other.id))[0]).toMatchObject({ reasonCode: 'OTHER' });
  });

  it('reads Organization.projects of every organization asked in a fixed number of statements', async () => {
    const { id } = await propose();
    const organizations = Object.values(ORGS).map((org) => ({ __typename: 'Organization', id: org }));
    const projectsOf = async (representations: Array<{ __typename: string; id: string }>) => {
      counter.reset();
      const entities = ok(
        await request(
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { projects(first: 100) { totalCount edges { node { id } } } } } }',
          { r: representations },
          ANALYST,
        ),
      )._entities as Array<{ projects: { totalCount: number; edges: Array<{ node: { id: string } }> } }>;
      return { entities, statements: counter.statements.length };
    };
    const one = await projectsOf(organizations.slice(1, 2));
    const all = await projectsOf([...organizations, ...organizations, ...organizations]);
    expect(one.entities[0]!.projects.edges.map((e) => e.node.id)).toContain(id);
    expect(all.entities[1]!.projects).toEqual(one.entities[0]!.projects);
    // The two branches (owned, partner of) for all organizations at once, and one load of the rows.
    expect(all.statements).toBe(one.statements);
    expect(all.statements).toBeLessThanOrEqual(3);
  });

  it('coordinates with the PAO: the owner submits, only a network admin decides, a decline says why', async () => {
    const { id } = await propose();
    expect(code(await act('acceptCoordination', id, ADMIN))).toBe('INVALID_TRANSITION'); // nothing submitted
    ok(await act('submitForCoordination', id, PATONG, ', note: "Joint drainage with the PAO road"'));
    expect(code(await act('acceptCoordination', id, PATONG))).toBe('FORBIDDEN');
    expect(code(await act('declineCoordination', id, ADMIN, ', note: "   "'))).toBe('BAD_USER_INPUT');
    const declined = ok(await act('declineCoordination', id, ADMIN, ', note: "Overlaps PKT-PAO-2561-003"'))
      .declineCoordination as { coordination: unknown };
    expect(declined.coordination).toEqual({ status: 'DECLINED', note: 'Overlaps PKT-PAO-2561-003' });
    ok(await act('submitForCoordination', id, PATONG, ', note: "Scope reduced to Soi 5"'));
    expect(
      (ok(await act('acceptCoordination', id, ADMIN)).acceptCoordination as { coordination: unknown }).coordination,
    ).toEqual({ status: 'ACCEPTED', note: null });
    for (const type of ['submitted', 'declined', 'accepted']) {
      expect(await outboxCount(`pcc.project.coordination-${type}.v2`, id)).toBe(type === 'submitted' ? 2 : 1);
      expect(await outboxCount(`pcc.project.coordination-${type}`, id)).toBe(0); // the .v1 types carried the note
    }
    // Whether there was a note travels; the note itself stays here (PDPA).
    const payloads = await outboxPayloads('pcc.project.coordination-%', id);
    expect(payloads.map((p) => p.hasNote)).toEqual([true, true, true, false]);
    expect(JSON.stringify(payloads)).not.toMatch(/Overlaps|Soi 5|Joint drainage/);
    // An edit after the decision: what the PAO accepted is no longer what is proposed.
    const edited = ok(await act('updateProject', id, PATONG, ', input: { budget: "1500000.00" }')).updateProject as {
      budget: string;
      coordination: unknown;
    };
    expect(edited).toMatchObject({ budget: '1500000.00', coordination: { status: 'NOT_SUBMITTED', note: null } });
    expect(await outboxCount('pcc.project.updated', id)).toBe(1);
  });

  it('withdraws a submitted coordination when the project is cancelled, with its event; a decided one stays', async () => {
    const submitted = await propose();
    ok(await act('submitForCoordination', submitted.id, PATONG, ', note: "Joint drainage with the PAO road"'));
    const cancelled = ok(await act('cancelProject', submitted.id, PATONG, ', reason: "Council cut the budget"'))
      .cancelProject as { status: string; coordination: unknown };
    expect(cancelled).toMatchObject({ status: 'CANCELLED', coordination: { status: 'WITHDRAWN' } });
    expect(await outboxCount('pcc.project.coordination-withdrawn', submitted.id)).toBe(1);
    const [event] = await db.dataSource.query<[{ data: { project: { coordinationStatus: string; status: string } } }]>(
      `SELECT payload AS data FROM outbox WHERE type = 'pcc.project.coordination-withdrawn' AND key = $1`,
      [submitted.id],
    );
    // Readers of the snapshot know four statuses: nothing is before the PAO any more.
    expect(event.data.project).toMatchObject({ status: 'CANCELLED', coordinationStatus: 'NOT_SUBMITTED' });
    // Nothing is left for the network centre to decide.
    expect(code(await act('acceptCoordination', submitted.id, ADMIN))).toBe('INVALID_TRANSITION');

    const accepted = await propose();
    ok(await act('submitForCoordination', accepted.id, PATONG));
    ok(await act('acceptCoordination', accepted.id, ADMIN));
    const kept = ok(await act('cancelProject', accepted.id, PATONG, ', reason: "Council cut the budget"'))
      .cancelProject as { coordination: unknown };
    expect(kept.coordination).toMatchObject({ status: 'ACCEPTED' });
    expect(await outboxCount('pcc.project.coordination-withdrawn', accepted.id)).toBe(0);
  });

  it("counts each partner's cost share of a joint project in its own budget figures", async () => {
    const fy = { fiscalYear: 2563, plannedStart: '2019-11-01', plannedEnd: '2020-06-30' };
    const joint = {
      ...fy,
      ownerOrganizationId: ORGS['PKT-PAO'],
      strategyId: strategies['PKT-PAO'],
      fundingSource: 'JOINT',
      partnerOrganizationIds: [ORGS.PATONG],
    };
    const before = await snapshot();
    for (const costShares of [
      [{ organizationId: ORGS.KATHU, percent: '10.00' }], // not a partner
      [{ organizationId: ORGS.PATONG, percent: '100.01' }], // more than the whole
      [{ organizationId: ORGS.PATONG, percent: '0' }],
      [{ organizationId: ORGS.PATONG, percent: '12.345' }],
    ])
      expect(code(await request(PROPOSE, { input: proposal({ ...joint, costShares }) }, ADMIN))).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toBe(before);
    const { id } = await propose({ ...joint, costShares: [{ organizationId: ORGS.PATONG, percent: '40' }] }, ADMIN);
    ok(await approve(id, '2500000.01', ADMIN));
    today = '2019-12-01';
    ok(await act('startProcurement', id, ADMIN));
    ok(await act('startImplementation', id, ADMIN));
    ok(await report(id, 20, '500000.00', ADMIN));
    const summaries = ok(
      await request(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { budgetSummary(fiscalYear: 2563) { approved disbursed projectCount } } } }`,
        { reps: [ORGS['PKT-PAO'], ORGS.PATONG].map((orgId) => ({ __typename: 'Organization', id: orgId })) },
        PUBLIC,
      ),
    )._entities as Array<{ budgetSummary: unknown }>;
    expect(summaries.map((e) => e.budgetSummary)).toEqual([
      { approved: '1500000.01', disbursed: '300000.00', projectCount: 1 },
      { approved: '1000000.00', disbursed: '200000.00', projectCount: 0 },
    ]);
    const shares = ok(
      await request(
        'query ($id: ID!) { project(id: $id) { costShares { organization { id } percent } } }',
        { id },
        PUBLIC,
      ),
    ).project as { costShares: unknown };
    expect(shares.costShares).toEqual([{ organization: { id: ORGS.PATONG }, percent: '40.00' }]);
    const [event] = await db.dataSource.query<[{ data: { project: { costShares: unknown } } }]>(
      `SELECT payload AS data FROM outbox WHERE type = 'pcc.project.approved' AND key = $1`,
      [id],
    );
    expect(event.data.project.costShares).toEqual([{ organizationId: ORGS.PATONG, percent: '40.00' }]);
  });

  it('flags a delay at the threshold (14 points behind: no; 16: yes) and emits project.delayed once', async () => {
    // 2018-01-01 … 2018-04-11 is 100 days: work starts on 2018-01-05; on 2018-02-20 50 % of the time has passed.
    today = '2018-01-05';
    const id = await underWay({ plannedStart: '2018-01-01', plannedEnd: '2018-04-11' });
    expect(await outboxCount('pcc.project.delayed', id)).toBe(0);
    today = '2018-02-20';
    expect(ok(await report(id, 36, '100000.00')).reportProgress).toMatchObject({ delayed: false, delayReason: null });
    expect(await outboxCount('pcc.project.delayed', id)).toBe(0);
    expect(ok(await report(id, 34, '0.00')).reportProgress).toMatchObject({
      delayed: true,
      delayReason: 'BEHIND_SCHEDULE',
    });
    expect(await outboxCount('pcc.project.delayed', id)).toBe(1);
    ok(await report(id, 30, '0.00'));
    await reportDelays(db.dataSource, TODAY);
    expect(await outboxCount('pcc.project.delayed', id)).toBe(1);
    // Back on schedule, then behind again in the same status: flagged again, no second event.
    expect(ok(await report(id, 50, '0.00')).reportProgress).toMatchObject({ delayed: false });
    expect(ok(await report(id, 20, '0.00')).reportProgress).toMatchObject({ delayed: true });
    expect(await outboxCount('pcc.project.delayed', id)).toBe(1);
    // Past its planned end the reason becomes PAST_PLANNED_END; still no second event in this status.
    expect(await reportDelays(db.dataSource, '2018-04-12')).toBeGreaterThanOrEqual(1);
    expect(
      (await db.dataSource.query<[{ delay_reason: string }]>('SELECT delay_reason FROM project WHERE id = $1', [id]))[0]
        .delay_reason,
    ).toBe('PAST_PLANNED_END');
    expect(await outboxCount('pcc.project.delayed', id)).toBe(1);
  });

  it('lets the delay watch find projects that time alone put behind, once', async () => {
    today = '2018-02-02';
    const id = await underWay({ plannedStart: '2018-02-01', plannedEnd: '2018-03-31' });
    ok(await report(id, 30, '0.00', PATONG, today));
    expect(await outboxCount('pcc.project.delayed', id)).toBe(0);
    expect(await reportDelays(db.dataSource, '2018-04-01')).toBeGreaterThanOrEqual(1); // past its planned end at 30 %
    expect(await reportDelays(db.dataSource, '2018-04-02')).toBe(0);
    expect(await outboxCount('pcc.project.delayed', id)).toBe(1);
    const [row] = await db.dataSource.query<Array<{ delayed: boolean; delay_reason: string | null }>>(
      'SELECT delayed, delay_reason FROM project WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ delayed: true, delay_reason: 'PAST_PLANNED_END' });
  });

  it('links a project to a case it knows from the case events, refuses unknown cases and cases of others', async () => {
    const { id } = await propose();
    const [ours, theirs] = [randomUUID(), randomUUID()];
    await db.dataSource.transaction((tx) =>
      caseProjection.batchHandlers!['pcc.case.triaged']!([caseEvent({ caseId: ours, lead: ORGS.PATONG })], tx),
    );
    await db.dataSource.transaction((tx) =>
      caseProjection.batchHandlers!['pcc.case.triaged']!([caseEvent({ caseId: theirs, lead: ORGS.KATHU })], tx),
    );
    const before = await snapshot();
    const unknown = await act('linkProjectToCase', id, PATONG, `, caseId: "${randomUUID()}"`);
    expect([code(unknown), unknown.body.errors?.[0]?.extensions?.fields]).toEqual([
      'BAD_USER_INPUT',
      { caseId: 'unknown case' },
    ]);
    expect(code(await act('linkProjectToCase', id, PATONG, `, caseId: "${theirs}"`))).toBe('BAD_USER_INPUT');
    expect(code(await act('linkProjectToCase', id, PATONG, ', caseId: "not-a-uuid"'))).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toBe(before);
    ok(await act('linkProjectToCase', id, PATONG, `, caseId: "${ours}"`));
    ok(await act('linkProjectToCase', id, PATONG, `, caseId: "${ours}"`)); // twice: no second link, no second event
    expect(await outboxCount('pcc.project.case-linked', id)).toBe(1);
    const related = async (identity: Identity) =>
      (
        ok(
          await request(
            'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Case { relatedProjects { id relatedCases { id } } } } }',
            { reps: [{ __typename: 'Case', id: ours }] },
            identity,
          ),
        )._entities as Array<{ relatedProjects: unknown[] }>
      )[0]!.relatedProjects;
    expect(await related(PATONG)).toEqual([{ id, relatedCases: [{ id: ours }] }]);
    expect(await related(PUBLIC)).toEqual([]); // still a proposal
  });

  it('sums budgets per organization and for the province exactly as an independent sum does', async () => {
    // Fresh figures for FY2562 only: the other tests work in FY2561.
    // 2018-10-15 … 2019-03-31 is 167 days: on 2019-01-10 (today here) 52 % of it has passed.
    const fy = { fiscalYear: 2562, plannedStart: '2018-10-15', plannedEnd: '2019-03-31' };
    const expected = { approved: 0n, disbursed: 0n, count: 0, completed: 0, delayed: 0, accumulated: 0n };
    const satang = (amount: string) => BigInt(amount.replace('.', ''));
    const plans = [
      { approved: '1234567.89', paid: ['100000.10', '23456.78'], funding: 'ANNUAL_BUDGET', finish: false },
      { approved: '500000.00', paid: ['500000.00'], funding: 'ACCUMULATED_FUNDS', finish: true },
      { approved: '98765.43', paid: [], funding: 'SUBSIDY', finish: false },
      { approved: '777777.77', paid: ['0.01'], funding: 'ACCUMULATED_FUNDS', finish: false },
    ];
    for (const p of plans) {
      today = '2018-10-10';
      const resolution = p.funding === 'ACCUMULATED_FUNDS' ? { reference: 'มติสภาฯ 3/2561', date: '2018-02-01' } : null;
      const { id } = await propose({ ...fy, fundingSource: p.funding });
      ok(await approve(id, p.approved, PATONG, resolution));
      ok(await act('startProcurement', id, PATONG));
      ok(await act('startImplementation', id, PATONG));
      today = '2019-01-10';
      for (const [i, amount] of p.paid.entries())
        ok(await report(id, p.finish && i === p.paid.length - 1 ? 100 : 10 * (i + 1), amount));
      if (p.finish) ok(await act('completeProject', id, PATONG));
      expected.approved += satang(p.approved);
      expected.disbursed += p.paid.reduce((sum, a) => sum + satang(a), 0n);
      expected.count += 1;
      expected.completed += p.finish ? 1 : 0;
      expected.delayed += p.finish ? 0 : 1; // at most 20 % done with 52 % of the time gone
      expected.accumulated += p.funding === 'ACCUMULATED_FUNDS' ? satang(p.approved) : 0n;
    }
    // The one without reports fell behind with time alone: the delay watch flags it.
    await reportDelays(db.dataSource, '2019-01-10');
    // Neither a proposal nor a cancelled project counts.
    await propose({ ...fy, budget: '999999.00' });
    const cancelled = await propose(fy);
    ok(await approve(cancelled.id, '5000.00'));
    ok(await act('cancelProject', cancelled.id, PATONG, ', reason: "Council cut the budget"'));

    // Money disbursed before a cancellation was spent: it stays (as approved and as disbursed), uncounted.
    today = '2018-10-10';
    const abandoned = await propose(fy);
    ok(await approve(abandoned.id, '300000.00'));
    ok(await act('startProcurement', abandoned.id, PATONG));
    ok(await act('startImplementation', abandoned.id, PATONG));
    today = '2019-01-10';
    ok(await report(abandoned.id, 30, '120000.55'));
    ok(await act('cancelProject', abandoned.id, PATONG, ', reason: "The contractor left the site"'));
    expected.approved += satang('120000.55');
    expected.disbursed += satang('120000.55');

    const baht = (s: bigint) => `${s / 100n}.${String(s % 100n).padStart(2, '0')}`;
    const rate = ((Number(expected.disbursed) / Number(expected.approved)) * 100).toFixed(2); // floats are fine for a cross-check
    const want = {
      fiscalYear: 2562,
      approved: baht(expected.approved),
      disbursed: baht(expected.disbursed),
      disbursementRate: rate,
      projectCount: expected.count,
      completedCount: expected.completed,
      delayedCount: expected.delayed,
      accumulatedFundsApproved: baht(expected.accumulated),
    };
    const FIELDS =
      'fiscalYear approved disbursed disbursementRate projectCount completedCount delayedCount accumulatedFundsApproved';
    const entities = ok(
      await request(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { budgetSummary(fiscalYear: 2562) { ${FIELDS} } } } }`,
        { reps: Object.values(ORGS).map((id) => ({ __typename: 'Organization', id })) },
        PUBLIC,
      ),
    )._entities as Array<{ budgetSummary: unknown }>;
    expect(entities.map((e) => e.budgetSummary)).toEqual([
      {
        ...want,
        approved: '0.00',
        disbursed: '0.00',
        disbursementRate: null,
        projectCount: 0,
        completedCount: 0,
        delayedCount: 0,
        accumulatedFundsApproved: '0.00',
      },
      want,
      {
        ...want,
        approved: '0.00',
        disbursed: '0.00',
        disbursementRate: null,
        projectCount: 0,
        completedCount: 0,
        delayedCount: 0,
        accumulatedFundsApproved: '0.00',
      },
    ]);
    const province = ok(
      await request(
        `{ fiscalYearSummary(fiscalYear: 2562) { fiscalYear total { ${FIELDS} } organizations { organization { id } summary { approved projectCount } } } }`,
        {},
        ANALYST,
      ),
    ).fiscalYearSummary as { total: unknown; organizations: unknown };
    expect(province.total).toEqual(want);
    const organizations = province.organizations as Array<{ organization: { id: string }; summary: unknown }>;
    expect(organizations).toHaveLength(3);
    expect(organizations.find((o) => o.organization.id === ORGS.PATONG)!.summary).toEqual({
      approved: want.approved,
      projectCount: expected.count,
    });
    expect(code(await request('{ fiscalYearSummary(fiscalYear: 61) { fiscalYear } }', {}, PUBLIC))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
