import { randomUUID } from 'node:crypto';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  createTestDatabase,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type GraphQLResponse,
  type TestDatabase,
} from '@pcc/testing';
import {
  accumulatedFundsRefusal,
  commitmentDeadline,
  DEFAULT_ACCUMULATED_FUNDS_RULES as RULES,
  ledgerOf,
} from '../src/domain/accumulated-funds';
import { createServer, entities, migrations, reportLapses } from '../src/server';

const SECRET = 'planning-funds-test-internal-secret-0123456789';
const ORGS = { PATONG: randomUUID(), KATHU: randomUUID() };
const PATONG: Identity = IdentityFactory.officer('PATONG', 'patong-officer');
const KATHU: Identity = IdentityFactory.officer('KATHU', 'kathu-officer');
const PUBLIC: Identity = IdentityFactory.public();
let today = '2018-02-20';

type Result = GraphQLResponse<Record<string, unknown>>;
type ErrorBody = { extensions?: { code?: string; rule?: string } };

describe('accumulated-funds rules, pure', () => {
  const report = { balance: '10000000.00', monthlyPersonnelCost: '1000000.00', annualBudget: '20000000.00' };
  it('keeps 3 months of personnel costs and 10 % of the annual budget, and counts what is committed', () => {
    expect(ledgerOf(report, { committed: '1500000.00', disbursed: '200000.00' }, RULES)).toEqual({
      reportedBalance: '10000000.00',
      personnelReserve: '3000000.00',
      annualBudgetReserve: '2000000.00',
      committed: '1500000.00',
      disbursed: '200000.00',
      available: '3500000.00',
    });
    // Over-committed: negative, nothing more can be approved.
    expect(ledgerOf(report, { committed: '6000000.01', disbursed: '0' }, RULES).available).toBe('-1000000.01');
    // Configuration, not constants: 6 months and 15 %.
    const strict = { ...RULES, personnelReserveMonths: 6, annualBudgetReservePercent: 15 };
    expect(ledgerOf(report, { committed: '0', disbursed: '0' }, strict).available).toBe('1000000.00');
  });

  it('names the rule a refusal breaks, at the satang', () => {
    const ledger = ledgerOf(report, { committed: '0', disbursed: '0' }, RULES); // 5,000,000.00 available
    const rule = (amount: string, purpose: Parameters<typeof accumulatedFundsRefusal>[1], l = ledger) =>
      accumulatedFundsRefusal(amount, purpose, l, RULES)?.rule ?? null;
    expect(rule('5000000.00', 'PUBLIC_HARDSHIP_RELIEF')).toBeNull();
    expect(rule('5000000.01', 'PUBLIC_HARDSHIP_RELIEF')).toBe('ACCUMULATED_FUNDS_RESERVE');
    expect(rule('1.00', 'OTHER')).toBe('ACCUMULATED_FUNDS_PURPOSE_NOT_ALLOWED');
    expect(rule('1.00', null)).toBe('ACCUMULATED_FUNDS_PURPOSE_REQUIRED');
    expect(rule('1.00', 'REVENUE_GENERATING', null as never)).toBe('ACCUMULATED_FUNDS_NOT_REPORTED');
    expect(accumulatedFundsRefusal('1.00', 'OTHER', ledger, { ...RULES, allowedPurposes: ['OTHER'] })).toBeNull();
  });

  it('sets the contract deadline the configured months after the council approval, to the month end', () => {
    expect(commitmentDeadline('2018-02-01', RULES)).toBe('2019-02-01');
    expect(commitmentDeadline('2019-02-28', { ...RULES, commitmentMonths: 1 })).toBe('2019-03-28');
    expect(commitmentDeadline('2018-01-31', { ...RULES, commitmentMonths: 1 })).toBe('2018-02-28');
  });
});

/** The ledger, approvals refused by the rule they break, contracts and lapses, on a real database. */
describe('accumulated funds (real PostgreSQL)', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);
  let strategy = '';

  const request = (document: string, variables: Record<string, unknown>, as: Identity): Promise<Result> =>
    client.execute({ document, variables, as });
  const ok = (r: Result) => expectNoGraphQLErrors(r);
  const failure = (r: Result) => {
    const error = (r.body.errors?.[0] ?? {}) as ErrorBody;
    return [error.extensions?.code, error.extensions?.rule ?? null];
  };
  const LEDGER = 'reportedOn reportedBalance personnelReserve annualBudgetReserve committed disbursed available';
  const reportFunds = (input: Record<string, unknown>, as: Identity = PATONG) =>
    request(
      `mutation ($input: AccumulatedFundsReportInput!) { reportAccumulatedFunds(input: $input) { ${LEDGER} } }`,
      { input },
      as,
    );
  const FIELDS =
    'id status accumulatedFundsPurpose contractDeadline contractSignedOn accumulatedFundsLapsedOn coordination { status }';
  const propose = async () =>
    (
      ok(
        await request(
          `mutation ($input: ProposeProjectInput!) { proposeProject(input: $input) { id } }`,
          {
            input: {
              ownerOrganizationId: ORGS.PATONG,
              fiscalYear: 2561,
              strategyId: strategy,
              title: 'ขุดลอกคลองบางลา (Bangla canal dredging)',
              objective: 'Floods',
              target: '2 km',
              kpi: 'Flood spots',
              expectedResult: 'No floods',
              fundingSource: 'ACCUMULATED_FUNDS',
              budget: '3000000.00',
              plannedStart: '2018-03-01',
              plannedEnd: '2018-08-31',
            },
          },
          PATONG,
        ),
      ).proposeProject as { id: string }
    ).id;
  const approve = (id: string, approvedBudget: string, accumulatedFundsPurpose: string | null) =>
    request(
      `mutation ($id: ID!, $input: ApproveProjectInput!) { approveProject(id: $id, input: $input) { ${FIELDS} } }`,
      {
        id,
        input: {
          approvedBudget,
          accumulatedFundsPurpose,
          councilResolution: { reference: 'มติสภาเทศบาลเมืองป่าตอง 1/2561', date: '2018-02-01' },
        },
      },
      PATONG,
    );
  const contract = (id: string, signedOn: string) =>
    request(
      `mutation ($id: ID!, $input: ContractInput!) { recordContract(id: $id, input: $input) { ${FIELDS} } }`,
      { id, input: { signedOn } },
      PATONG,
    );
  const ledger = async () =>
    (
      ok(
        await request(
          `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { accumulatedFunds { ${LEDGER} } } } }`,
          { r: [{ __typename: 'Organization', id: ORGS.PATONG }] },
          KATHU,
        ),
      )._entities as Array<{ accumulatedFunds: Record<string, string> | null }>
    )[0]!.accumulatedFunds;
  const count = async (sql: string, params: unknown[] = []) =>
    (await db.dataSource.query<[{ n: number }]>(sql, params))[0].n;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'planning_funds', migrations, entities });
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
    const plan = ok(
      await request(
        'mutation ($input: DevelopmentPlanInput!) { createDevelopmentPlan(input: $input) { id strategies { id } } }',
        {
          input: {
            organizationId: ORGS.PATONG,
            title: 'Local development plan 2561–2565',
            firstFiscalYear: 2561,
            lastFiscalYear: 2565,
            strategies: [{ code: 'S1', title: 'Infrastructure' }],
          },
        },
        PATONG,
      ),
    ).createDevelopmentPlan as { id: string; strategies: Array<{ id: string }> };
    strategy = plan.strategies[0]!.id;
    ok(await request('mutation ($id: ID!) { publishDevelopmentPlan(id: $id) { status } }', { id: plan.id }, PATONG));
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  it('refuses an approval without a ledger, for a purpose not allowed, or beyond what the reserves leave', async () => {
    const id = await propose();
    expect(failure(await approve(id, '1000000.00', 'PUBLIC_HARDSHIP_RELIEF'))).toEqual([
      'BAD_USER_INPUT',
      'ACCUMULATED_FUNDS_NOT_REPORTED',
    ]);
    const funds = {
      organizationId: ORGS.PATONG,
      reportedOn: '2018-01-31',
      balance: '10000000',
      monthlyPersonnelCost: '1000000',
      annualBudget: '20000000',
    };
    expect(failure(await reportFunds(funds, KATHU))).toEqual(['FORBIDDEN', null]);
    expect(failure(await reportFunds({ ...funds, reportedOn: '2018-03-01' }))).toEqual(['BAD_USER_INPUT', null]);
    expect(failure(await reportFunds({ ...funds, balance: '-5' }))).toEqual(['BAD_USER_INPUT', null]);
    expect(ok(await reportFunds(funds)).reportAccumulatedFunds).toEqual({
      reportedOn: '2018-01-31',
      reportedBalance: '10000000.00',
      personnelReserve: '3000000.00',
      annualBudgetReserve: '2000000.00',
      committed: '0.00',
      disbursed: '0.00',
      available: '5000000.00',
    });
    const before = await count(`SELECT count(*)::int AS n FROM project WHERE status = 'APPROVED'`);
    expect(failure(await approve(id, '1000000.00', null))).toEqual([
      'BAD_USER_INPUT',
      'ACCUMULATED_FUNDS_PURPOSE_REQUIRED',
    ]);
    expect(failure(await approve(id, '1000000.00', 'OTHER'))).toEqual([
      'BAD_USER_INPUT',
      'ACCUMULATED_FUNDS_PURPOSE_NOT_ALLOWED',
    ]);
    expect(failure(await approve(id, '5000000.01', 'PUBLIC_HARDSHIP_RELIEF'))).toEqual([
      'BAD_USER_INPUT',
      'ACCUMULATED_FUNDS_RESERVE',
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM project WHERE status = 'APPROVED'`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE type = 'pcc.project.approved'`)).toBe(0);

    expect(ok(await approve(id, '3000000.00', 'PUBLIC_HARDSHIP_RELIEF')).approveProject).toMatchObject({
      status: 'APPROVED',
      accumulatedFundsPurpose: 'PUBLIC_HARDSHIP_RELIEF',
      contractDeadline: '2019-02-01',
    });
    expect(await ledger()).toMatchObject({ committed: '3000000.00', available: '2000000.00' });
    // The next one may spend only what is left.
    const second = await propose();
    expect(failure(await approve(second, '2000000.01', 'COMMUNITY_AND_SOCIAL_SERVICES'))).toEqual([
      'BAD_USER_INPUT',
      'ACCUMULATED_FUNDS_RESERVE',
    ]);
    ok(await approve(second, '2000000.00', 'COMMUNITY_AND_SOCIAL_SERVICES'));
    expect(await ledger()).toMatchObject({ committed: '5000000.00', available: '0.00' });
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE type = 'pcc.accumulated-funds.reported'`)).toBe(1);
    // Several organizations in one answer (batched); one that never reported has none.
    const both = ok(
      await request(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { accumulatedFunds { available } } } }`,
        { r: [ORGS.PATONG, ORGS.KATHU].map((orgId) => ({ __typename: 'Organization', id: orgId })) },
        PUBLIC,
      ),
    )._entities as Array<{ accumulatedFunds: unknown }>;
    expect(both.map((e) => e.accumulatedFunds)).toEqual([{ available: '0.00' }, null]);
  });

  it('lets two approvals of one organization at the same time spend no more than is available', async () => {
    ok(
      await reportFunds({
        organizationId: ORGS.PATONG,
        reportedOn: '2018-02-20',
        balance: '11000000',
        monthlyPersonnelCost: '1000000',
        annualBudget: '10000000',
      }),
    ); // 11M − 3M − 1M reserves − the 5M committed above: 2,000,000.00 available
    const [a, b] = [await propose(), await propose()];
    const results = await Promise.all([
      approve(a, '1500000.00', 'PUBLIC_HARDSHIP_RELIEF'),
      approve(b, '1500000.00', 'PUBLIC_HARDSHIP_RELIEF'),
    ]);
    expect(results.filter((r) => !r.body.errors).length).toBe(1);
    expect(results.map(failure).filter(([code]) => code)).toEqual([['BAD_USER_INPUT', 'ACCUMULATED_FUNDS_RESERVE']]);
    expect(await ledger()).toMatchObject({ committed: '6500000.00', available: '500000.00' });
  });

  it('records the contract by the deadline, and lapses approvals without one once, with the event', async () => {
    const ids = await db.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM project WHERE status = 'APPROVED' AND funding_source = 'ACCUMULATED_FUNDS' ORDER BY approved_at`,
    );
    const [signed, unsigned, submitted] = ids.map((r) => r.id) as [string, string, string];
    expect(failure(await contract(signed, '2018-01-01'))).toEqual(['BAD_USER_INPUT', null]); // before the approval
    expect(failure(await contract(signed, '2018-03-01'))).toEqual(['BAD_USER_INPUT', null]); // in the future
    expect(ok(await contract(signed, '2018-02-20')).recordContract).toMatchObject({ contractSignedOn: '2018-02-20' });
    expect(failure(await contract(signed, '2018-02-20'))).toEqual(['CONFLICT', null]);
    ok(await request('mutation ($id: ID!) { submitForCoordination(id: $id) { id } }', { id: submitted }, PATONG));

    expect(await reportLapses(db.dataSource, '2019-02-01')).toBe(0); // the deadline day itself is still in time
    today = '2019-02-02';
    expect(failure(await contract(unsigned, '2019-02-02'))).toEqual(['BAD_USER_INPUT', 'ACCUMULATED_FUNDS_LAPSED']);
    const [first, second] = await Promise.all([
      reportLapses(db.dataSource, '2019-02-02'),
      reportLapses(db.dataSource, '2019-02-02'),
    ]);
    expect(first + second).toBe(2);
    expect(await reportLapses(db.dataSource, '2019-02-03')).toBe(0);
    const lapsed = ok(
      await request(`query ($id: ID!) { project(id: $id) { ${FIELDS} } }`, { id: submitted }, PATONG),
    ).project;
    expect(lapsed).toMatchObject({
      status: 'CANCELLED',
      accumulatedFundsLapsedOn: '2019-02-02',
      coordination: { status: 'WITHDRAWN' },
    });
    const types = await db.dataSource.query<Array<{ type: string }>>(
      `SELECT type FROM outbox WHERE key = $1 ORDER BY seq`,
      [submitted],
    );
    expect(types.map((t) => t.type).slice(-3)).toEqual([
      'pcc.project.accumulated-funds-lapsed',
      'pcc.project.coordination-withdrawn',
      'pcc.project.status-changed',
    ]);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox WHERE type = 'pcc.project.accumulated-funds-lapsed'`),
    ).toBe(2);
    // What lapsed no longer counts against the funds (nothing was disbursed on it): the signed one stays.
    expect(await ledger()).toMatchObject({ committed: '3000000.00', available: '4000000.00' });

    // Money paid out before a report is already out of its balance; after it, still committed.
    for (const step of ['startProcurement', 'startImplementation'])
      ok(await request(`mutation ($id: ID!) { ${step}(id: $id) { id } }`, { id: signed }, PATONG));
    ok(
      await request(
        'mutation ($id: ID!, $input: ProgressReportInput!) { reportProgress(id: $id, input: $input) { id } }',
        { id: signed, input: { reportedOn: '2019-02-02', percent: 30, amountDisbursed: '1000000.00' } },
        PATONG,
      ),
    );
    expect(await ledger()).toMatchObject({ committed: '3000000.00', disbursed: '1000000.00' });
    const funds = { organizationId: ORGS.PATONG, monthlyPersonnelCost: '1000000', annualBudget: '10000000' };
    ok(await reportFunds({ ...funds, reportedOn: '2019-02-02', balance: '10000000' }));
    expect(await ledger()).toMatchObject({ committed: '2000000.00', disbursed: '1000000.00', available: '4000000.00' });
  });
});
