import { TOPICS } from '@pcc/events';
import { EventTap, waitFor } from '@pcc/testing';
import { Platform, type GraphQLResult } from './platform';

/**
 * The planning subgraph through the gateway, on real parts: organizations, cases and planning, each
 * with its relay; planning's projections of organizations and cases fed by Kafka alone.
 */
describe('planning through the gateway (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let tap: EventTap;
  let admin: string;
  let pao: string;
  let patong: string;
  let kathu: string;
  const ids: Record<string, string> = {};
  const strategies: Record<string, string> = {};

  const codes = (r: GraphQLResult) => r.body.errors?.map((e) => e.extensions?.code);
  const ok = (r: GraphQLResult) => {
    expect(r.body.errors).toBeUndefined();
    return r.body.data!;
  };
  const PROJECT =
    'id code status approvedBudget disbursed progressPercent coordination { status } owner { code nameEn } partners { code }';
  const act = (
    field: string,
    id: string,
    token: string,
    args = '',
    variables: Record<string, unknown> = {},
    types = '',
  ) =>
    platform.graphql(
      `mutation ($id: ID!${types}) { ${field}(id: $id${args}) { ${PROJECT} } }`,
      { id, ...variables },
      token,
    );
  const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const addDays = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  /** The current Thai fiscal year: projects start in it. */
  const fiscalYear = () => {
    const [y, m] = today().split('-').map(Number) as [number, number];
    return (m >= 10 ? y + 1 : y) + 543;
  };

  async function publishPlan(code: string, token: string) {
    const plan = ok(
      await platform.graphql(
        'mutation ($input: DevelopmentPlanInput!) { createDevelopmentPlan(input: $input) { id strategies { id } } }',
        {
          input: {
            organizationId: ids[code],
            title: `Local development plan (${code})`,
            firstFiscalYear: fiscalYear() - 1,
            lastFiscalYear: fiscalYear() + 3,
            strategies: [
              { code: 'S1', title: 'Infrastructure' },
              { code: 'S3', title: 'Environment' },
            ],
          },
        },
        token,
      ),
    ).createDevelopmentPlan as { id: string; strategies: Array<{ id: string }> };
    ok(
      await platform.graphql(
        'mutation ($id: ID!) { publishDevelopmentPlan(id: $id) { status } }',
        { id: plan.id },
        token,
      ),
    );
    strategies[code] = plan.strategies[0]!.id;
    return plan.id;
  }

  const proposal = (owner: string, overrides: Record<string, unknown> = {}) => ({
    ownerOrganizationId: ids[owner],
    fiscalYear: fiscalYear(),
    strategyId: strategies[owner],
    title: 'Patong–Karon beach road link',
    objective: 'A safe road between the two beaches',
    target: '2.4 km of road with drainage',
    kpi: 'Travel time Patong–Karon',
    expectedResult: 'Less traffic on the hill road',
    fundingSource: 'ANNUAL_BUDGET',
    budget: '2500000.00',
    plannedStart: today(),
    plannedEnd: addDays(today(), 180),
    ...overrides,
  });
  /** A project PATONG's officer proposes: its id. */
  const proposedByPatong = async (overrides: Record<string, unknown> = {}) =>
    (
      ok(
        await platform.graphql(
          'mutation ($input: ProposeProjectInput!) { proposeProject(input: $input) { id } }',
          { input: proposal('PATONG', overrides) },
          patong,
        ),
      ).proposeProject as { id: string }
    ).id;

  beforeAll(async () => {
    platform = await Platform.start({ withCases: true, withPlanning: true });
    tap = await EventTap.open([TOPICS.project, TOPICS.plan]);
    admin = await Platform.token('NETWORK_ADMIN');
    pao = await Platform.token('LGO_OFFICER', 'PKT-PAO');
    patong = await Platform.token('LGO_OFFICER', 'PATONG');
    kathu = await Platform.token('LGO_OFFICER', 'KATHU');
    for (const code of ['PKT-PAO', 'PATONG', 'KATHU']) ids[code] = await platform.organizationId(code);
    expect(await platform.knowsOrganizations(platform.planningDb!, 19)).toBeGreaterThanOrEqual(19);
    const planId = await publishPlan('PKT-PAO', pao);
    await publishPlan('PATONG', patong);
    await tap.waitFor((m) => m.headers.ce_type === 'pcc.plan.published' && m.key === planId);
  });
  afterAll(async () => {
    await tap.close();
    await platform.stop();
  });

  it('takes a joint project of the PAO and PATONG through coordination, approval, progress and completion', async () => {
    const proposed = ok(
      await platform.graphql(
        `mutation ($input: ProposeProjectInput!) { proposeProject(input: $input) { ${PROJECT} } }`,
        { input: proposal('PKT-PAO', { fundingSource: 'JOINT', partnerOrganizationIds: [ids.PATONG] }) },
        pao,
      ),
    ).proposeProject as { id: string; code: string; owner: unknown; partners: unknown };
    // Owner and partner names come from the organizations subgraph through federation.
    expect(proposed).toMatchObject({
      code: expect.stringMatching(/^PKT-PAO-\d{4}-001$/) as unknown,
      owner: { code: 'PKT-PAO', nameEn: 'Phuket PAO' },
      partners: [{ code: 'PATONG' }],
    });
    const { id } = proposed;
    // The partner sees the proposal, may not run it; the public does not see it yet.
    expect(
      ok(await platform.graphql('query ($id: ID!) { project(id: $id) { code } }', { id }, patong)).project,
    ).toEqual({ code: proposed.code });
    expect(ok(await platform.graphql('query ($id: ID!) { project(id: $id) { code } }', { id })).project).toBeNull();
    expect(codes(await act('approveProject', id, patong, ', input: { approvedBudget: "1.00" }'))).toEqual([
      'FORBIDDEN',
    ]);

    ok(await act('submitForCoordination', id, pao, ', note: "Shared road with Patong"'));
    expect(codes(await act('acceptCoordination', id, pao))).toEqual(['FORBIDDEN']);
    expect(ok(await act('acceptCoordination', id, admin)).acceptCoordination).toMatchObject({
      coordination: { status: 'ACCEPTED' },
    });
    ok(await act('approveProject', id, pao, ', input: { approvedBudget: "2400000.00" }'));
    ok(await act('startProcurement', id, pao));
    ok(await act('startImplementation', id, pao));
    const progress = (percent: number, amount: string) =>
      act(
        'reportProgress',
        id,
        pao,
        ', input: $input',
        { input: { reportedOn: today(), percent, amountDisbursed: amount, note: 'Section 1 paved' } },
        ', $input: ProgressReportInput!',
      );
    ok(await progress(50, '1200000.00'));
    ok(await progress(100, '1150000.50'));
    const completed = ok(await act('completeProject', id, pao)).completeProject;
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      progressPercent: 100,
      disbursed: '2350000.50',
      approvedBudget: '2400000.00',
    });

    // The public now sees it under both organizations, with the PAO's figures in its budget summary.
    const page = ok(
      await platform.graphql(
        `query ($fy: Int!) { organizationByCode(code: "PATONG") { nameEn projects(fiscalYear: $fy) { edges { node { code status owner { code } } } } } pao: organizationByCode(code: "PKT-PAO") { budgetSummary(fiscalYear: $fy) { approved disbursed disbursementRate projectCount completedCount } } }`,
        { fy: fiscalYear() },
      ),
    );
    expect(page.organizationByCode).toEqual({
      nameEn: 'Patong',
      projects: { edges: [{ node: { code: proposed.code, status: 'COMPLETED', owner: { code: 'PKT-PAO' } } }] },
    });
    expect(page.pao).toEqual({
      budgetSummary: {
        approved: '2400000.00',
        disbursed: '2350000.50',
        disbursementRate: '97.92',
        projectCount: 1,
        completedCount: 1,
      },
    });

    const completedEvent = await tap.waitFor((m) => m.key === id && m.headers.ce_type === 'pcc.project.completed');
    expect(completedEvent.value).toMatchObject({
      project: { id, status: 'COMPLETED', progressPercent: 100, partnerOrganizationIds: [ids.PATONG] },
    });
    const seen = tap.messages.filter((m) => m.key === id).map((m) => m.headers.ce_type);
    expect(seen).toEqual(
      expect.arrayContaining([
        'pcc.project.proposed',
        'pcc.project.coordination-submitted.v2',
        'pcc.project.coordination-accepted.v2',
        'pcc.project.approved',
        'pcc.project.progress-reported',
        'pcc.project.completed',
      ]),
    );
  });

  it('honours @skip and @include in the answer it shapes from two subgraphs, and leaves fields without them alone', async () => {
    // The gateway shapes every answer itself (patches/ lets it pass over selections without directives
    // quickly): fields of the planning subgraph and of the owner the organizations subgraph adds.
    const id = await proposedByPatong();
    const query = `query ($id: ID!, $withStatus: Boolean!, $hideOwnerName: Boolean!) {
      project(id: $id) {
        code
        status @include(if: $withStatus)
        owner { code nameEn @skip(if: $hideOwnerName) }
        partners @skip(if: true) { code }
      }
    }`;
    const shaped = (withStatus: boolean, hideOwnerName: boolean) =>
      platform.graphql(query, { id, withStatus, hideOwnerName }, patong).then((r) => ok(r).project);
    expect(await shaped(false, true)).toEqual({
      code: expect.stringMatching(/^PATONG-/) as unknown,
      owner: { code: 'PATONG' },
    });
    expect(await shaped(true, false)).toEqual({
      code: expect.stringMatching(/^PATONG-/) as unknown,
      status: 'PROPOSED',
      owner: { code: 'PATONG', nameEn: expect.any(String) as unknown },
    });
  });

  it('answers fields aliased after the properties objects inherit, from two subgraphs', async () => {
    // The gateway builds each answer's objects itself, without a prototype's properties (patches/): a
    // field aliased `constructor` must read as not yet set, or the answer would lose it to a function.
    const id = await proposedByPatong();
    const query = `query ($id: ID!) {
      project(id: $id) {
        constructor: code
        toString: status
        owner { hasOwnProperty: code valueOf: nameEn }
      }
    }`;
    expect(ok(await platform.graphql(query, { id }, patong)).project).toEqual({
      constructor: expect.stringMatching(/^PATONG-/) as unknown,
      toString: 'PROPOSED',
      owner: { hasOwnProperty: 'PATONG', valueOf: expect.any(String) as unknown },
    });
  });

  it("refuses a KATHU officer on PATONG's project, through the gateway", async () => {
    const id = await proposedByPatong();
    expect(codes(await act('updateProject', id, kathu, ', input: { title: "Kathu was here" }'))).toEqual(['FORBIDDEN']);
    expect(codes(await act('approveProject', id, kathu, ', input: { approvedBudget: "1.00" }'))).toEqual(['FORBIDDEN']);
    expect(
      ok(await platform.graphql('query ($id: ID!) { project(id: $id) { id } }', { id }, kathu)).project,
    ).toBeNull();
  });

  it('links a project to a case it learnt from Kafka, refuses an unknown case, and shows the link on the case', async () => {
    const opened = ok(
      await platform.graphql(
        'mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode case { id } } }',
        {
          input: {
            kind: 'GRIEVANCE',
            category: 'FLOODING',
            channel: 'WEB',
            title: 'น้ำท่วมขังถนนราษฎร์อุทิศ',
            description: 'The road floods after every storm.',
            location: { lat: 7.8961, lng: 98.2969, address: 'Rat-U-Thit Road, Patong', district: 'KATHU' },
            reporter: { name: 'Somchai', phone: '081 000 0000' },
          },
        },
      ),
    ).openCase as { trackingCode: string; case: { id: string } };
    const caseId = opened.case.id;
    ok(
      await platform.graphql(
        'mutation ($id: ID!, $lead: ID!) { triageCase(id: $id, input: { leadOrganizationId: $lead, priority: HIGH }) { id } }',
        { id: caseId, lead: ids.PATONG },
        admin,
      ),
    );
    const id = await proposedByPatong({ title: 'Rat-U-Thit drainage' });
    ok(await act('approveProject', id, patong, ', input: { approvedBudget: "900000.00" }'));

    const unknown = await act('linkProjectToCase', id, patong, ', caseId: "00000000-0000-4000-8000-000000000000"');
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    // Planning learns the case (and PATONG as its lead) from pcc.cases.case.v1 alone.
    const linked = await waitFor(
      () => act('linkProjectToCase', id, patong, ', caseId: $caseId', { caseId }, ', $caseId: ID!'),
      (r) => !r.body.errors,
      30_000,
      250,
    );
    expect(ok(linked).linkProjectToCase).toMatchObject({ id });
    const viaCase = ok(
      await platform.graphql(
        'query ($code: String!) { caseByTrackingCode(code: $code) { trackingCode relatedProjects { title owner { code } } } }',
        { code: opened.trackingCode },
      ),
    );
    expect(viaCase.caseByTrackingCode).toEqual({
      trackingCode: opened.trackingCode,
      relatedProjects: [{ title: 'Rat-U-Thit drainage', owner: { code: 'PATONG' } }],
    });
    await tap.waitFor((m) => m.key === id && m.headers.ce_type === 'pcc.project.case-linked');
  });

  it('gives the province summary and every organization in one query, in agreement with the organizations', async () => {
    const result = ok(
      await platform.graphql(
        'query ($fy: Int!) { fiscalYearSummary(fiscalYear: $fy) { total { approved projectCount } organizations { organization { code } summary { approved projectCount } } } }',
        { fy: fiscalYear() },
        admin,
      ),
    ).fiscalYearSummary as {
      total: { approved: string; projectCount: number };
      organizations: Array<{
        organization: { code: string } | null;
        summary: { approved: string; projectCount: number };
      }>;
    };
    // Every organization planning knows; on this shared test broker that includes other tests' registries.
    expect(result.organizations.filter((o) => o.organization !== null).length).toBeGreaterThanOrEqual(19);
    const satang = result.organizations.reduce((sum, o) => sum + BigInt(o.summary.approved.replace('.', '')), 0n);
    expect(BigInt(result.total.approved.replace('.', ''))).toBe(satang);
    expect(result.total.projectCount).toBe(result.organizations.reduce((n, o) => n + o.summary.projectCount, 0));
    expect(result.organizations.find((o) => o.organization?.code === 'PKT-PAO')!.summary).toEqual({
      approved: '2400000.00',
      projectCount: 1,
    });
  });
});
