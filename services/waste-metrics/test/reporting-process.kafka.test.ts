import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  waitFor,
  type GraphQLClient,
} from '@pcc/testing';
import { agreementTargets, createServer, entities, flagMissingReports, type ReportingSettings } from '../src/server';
import { graphql } from './generated';
import { ADMIN, figures, mouSigned, wastePipeline } from './fixtures';

const SECRET = 'waste-test-internal-secret-0123456789abcdef';
/** Just after February 2026's deadline (the end of 15 March, Bangkok time). */
const NOW = new Date('2026-03-16T00:30:00+07:00');
const REPORTING: ReportingSettings = { deadlineDay: 15, lookbackMonths: 3 };

const Missing = graphql(`
  query MissingReports($organizationId: ID) {
    missingWasteReports(organizationId: $organizationId) {
      organization {
        id
      }
      month
      deadline
      flaggedAt
    }
  }
`);
const Verify = graphql(`
  mutation VerifyReport($id: ID!) {
    verifyWasteReport(id: $id) {
      id
      revision
      reviewStatus
      reviewedAt
    }
  }
`);
const Return = graphql(`
  mutation ReturnReport($id: ID!, $reason: String!) {
    returnWasteReport(id: $id, reason: $reason) {
      id
      reviewStatus
      returnReason
    }
  }
`);
const Review = graphql(`
  query ReportReview($id: ID!) {
    wasteReport(id: $id) {
      reviewStatus
      returnReason
    }
  }
`);
const PerResident = graphql(`
  query PerResident($fiscalYear: Int!) {
    provinceWasteSummary(fiscalYear: $fiscalYear) {
      populationSource
      rankingPerResident {
        rank
        organization {
          id
        }
        population
        kgPerResidentPerMonth
      }
    }
  }
`);

/**
 * Waste reporting as a process (issue 17, part 6), on the real database and broker: deadlines,
 * missing reports listed and flagged once (also with two instances at work), the PAO's verification
 * or return with a reason that never leaves the service, and the ranking per resident.
 */
describe('waste reporting as a process (real PostgreSQL and Kafka)', () => {
  let pipeline: Awaited<ReturnType<typeof wastePipeline>>;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);
  const codes = { A: `RAWAI-${randomUUID().slice(0, 8)}`, B: `KARON-${randomUUID().slice(0, 8)}` };
  const orgs: Record<'A' | 'B' | 'C', string> = { A: randomUUID(), B: randomUUID(), C: randomUUID() };
  const officerOfA = IdentityFactory.officer(codes.A);
  const reportIds: Record<string, string> = {};

  beforeAll(async () => {
    pipeline = await wastePipeline('wasteprocess');
    await OrganizationFactory.insert(
      pipeline.db.dataSource,
      { id: orgs.A, code: codes.A },
      { id: orgs.B, code: codes.B },
      { id: orgs.C }, // bound by no waste MOU: never expected to report
    );
    await pipeline.db.dataSource.transaction((tx) =>
      agreementTargets.handlers['pcc.agreement.signed']!(mouSigned({ signatories: [orgs.A, orgs.B], value: '5' }), tx),
    );
    for (const month of ['2025-12', '2026-01']) {
      const report = await pipeline.manager().submit({ organizationId: orgs.A, month, ...figures('31.000') });
      reportIds[month] = report.id;
    }
    server = await createServer({
      dataSource: pipeline.db.dataSource,
      internalTokens: tokens,
      logLevel: 'silent',
      reporting: REPORTING,
      now: () => NOW,
      population: { source: 'Test registry', asOf: '2025-12-31', population: { [codes.A]: 1000, [codes.B]: 500 } },
    });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  });
  afterAll(async () => {
    await server.app.close();
    await pipeline.close();
  });

  const missing = async (organizationId?: string) =>
    expectNoGraphQLErrors(
      await client.execute({ document: Missing, variables: { organizationId }, as: IdentityFactory.analyst() }),
    ).missingWasteReports;

  it('lists the reports due and not in, each with its deadline, and flags each once though two instances run', async () => {
    const listed = await missing();
    const label = (id: string) => (id === orgs.A ? 'A' : id === orgs.B ? 'B' : 'other');
    const ours = listed
      .filter((m) => m.organization.id === orgs.A || m.organization.id === orgs.B)
      .map((m) => [label(m.organization.id), m.month, m.deadline, m.flaggedAt]);
    expect(ours.sort()).toEqual([
      ['A', '2026-02', '2026-03-15T16:59:59.999Z', null],
      ['B', '2025-12', '2026-01-15T16:59:59.999Z', null],
      ['B', '2026-01', '2026-02-15T16:59:59.999Z', null],
      ['B', '2026-02', '2026-03-15T16:59:59.999Z', null],
    ]);
    // Latest month first.
    const months = listed.map((m) => m.month);
    expect(months).toEqual([...months].sort().reverse());
    expect(listed.some((m) => m.organization.id === orgs.C)).toBe(false);
    expect((await missing(orgs.A)).map((m) => m.month)).toEqual(['2026-02']);

    // A second instance of the service: its own connection pool on the same database.
    const second = new DataSource({ type: 'postgres', url: pipeline.db.url, entities });
    await second.initialize();
    try {
      const rounds = await Promise.all([
        flagMissingReports(pipeline.db.dataSource, REPORTING, NOW),
        flagMissingReports(second, REPORTING, NOW),
        flagMissingReports(second, REPORTING, NOW),
      ]);
      const flagged = await pipeline.db.dataSource.query<Array<{ organization_id: string }>>(
        'SELECT organization_id FROM waste_missing_report WHERE organization_id = ANY($1::uuid[])',
        [[orgs.A, orgs.B]],
      );
      // Whichever rounds did the work, together they flagged each missing month once.
      expect(flagged).toHaveLength(4);
      expect(rounds.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
      expect(await flagMissingReports(second, REPORTING, NOW)).toBe(0);
    } finally {
      await second.destroy();
    }
    const events = await waitFor(
      () =>
        pipeline.tap.messages.filter(
          (m) => m.headers.ce_type === 'pcc.waste.report-missing' && [orgs.A, orgs.B].includes(String(m.key)),
        ),
      (found) => found.length >= 4,
      20_000,
    );
    expect(
      events.map((e) => e.value as Record<string, unknown>).find((v) => v.organizationId === orgs.A),
    ).toMatchObject({
      organizationId: orgs.A,
      month: '2026-02',
      deadline: '2026-03-15T16:59:59.999Z',
    });
    expect((await missing(orgs.A))[0]!.flaggedAt).not.toBeNull();
    // Report events carry the Thai fiscal year of their month, as analysts need it.
    const submitted = await waitFor(
      () => pipeline.tap.messages.filter((m) => m.key === orgs.A && m.headers.ce_type === 'pcc.waste.report-submitted'),
      (found) => found.length >= 2,
      20_000,
    );
    expect(submitted.map((m) => (m.value as { report: { month: string; fiscalYear: number } }).report)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ month: '2025-12', fiscalYear: 2569 }),
        expect.objectContaining({ month: '2026-01', fiscalYear: 2569 }),
      ]),
    );
    // A report that comes in late is no longer missing.
    await pipeline.manager().submit({ organizationId: orgs.A, month: '2026-02', ...figures('30.000') });
    expect(await missing(orgs.A)).toEqual([]);
  });

  it('lets the PAO return a report with a reason that stays here, and verify the correction', async () => {
    const id = reportIds['2026-01']!;
    const reason = 'Khun Somchai’s truck tickets for week 2 are missing';
    expect(errorCodes(await client.execute({ document: Return, variables: { id, reason }, as: officerOfA }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await client.execute({ document: Return, variables: { id, reason: '  ' }, as: ADMIN }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      expectNoGraphQLErrors(await client.execute({ document: Return, variables: { id, reason }, as: ADMIN }))
        .returnWasteReport,
    ).toEqual({ id, reviewStatus: 'RETURNED', returnReason: reason });
    const seen = async (as: Identity) =>
      expectNoGraphQLErrors(await client.execute({ document: Review, variables: { id }, as })).wasteReport;
    expect(await seen(officerOfA)).toEqual({ reviewStatus: 'RETURNED', returnReason: reason });
    for (const as of [IdentityFactory.analyst(), IdentityFactory.public(), IdentityFactory.officer(codes.B)])
      expect(await seen(as)).toEqual({ reviewStatus: 'RETURNED', returnReason: null });
    expect(errorCodes(await client.execute({ document: Verify, variables: { id }, as: ADMIN }))).toEqual([
      'INVALID_TRANSITION',
    ]);

    // The organization corrects; the PAO verifies the new revision, and only it.
    const corrected = await pipeline
      .manager()
      .correct({ organizationId: orgs.A, month: '2026-01', ...figures('32.500') });
    expect(corrected.reviewStatus).toBe('SUBMITTED');
    const verified = expectNoGraphQLErrors(
      await client.execute({ document: Verify, variables: { id: corrected.id }, as: ADMIN }),
    ).verifyWasteReport;
    expect(verified).toMatchObject({ id: corrected.id, revision: 2, reviewStatus: 'VERIFIED' });
    expect(errorCodes(await client.execute({ document: Verify, variables: { id: corrected.id }, as: ADMIN }))).toEqual([
      'INVALID_TRANSITION',
    ]);
    expect(errorCodes(await client.execute({ document: Verify, variables: { id: randomUUID() }, as: ADMIN }))).toEqual([
      'NOT_FOUND',
    ]);

    const reviews = await waitFor(
      () =>
        pipeline.tap.messages.filter(
          (m) =>
            m.key === orgs.A &&
            ['pcc.waste.report-returned', 'pcc.waste.report-verified'].includes(String(m.headers.ce_type)),
        ),
      (found) => found.length >= 2,
      20_000,
    );
    expect(reviews.map((m) => [m.headers.ce_type, (m.value as { report: unknown }).report])).toEqual([
      ['pcc.waste.report-returned', { id, month: '2026-01', revision: 1 }],
      ['pcc.waste.report-verified', { id: corrected.id, month: '2026-01', revision: 2 }],
    ]);
    expect(JSON.stringify(reviews.map((m) => m.value))).not.toContain('Somchai');
  });

  it('ranks the organizations per resident where population figures are given, with their source', async () => {
    const summary = expectNoGraphQLErrors(
      await client.execute({ document: PerResident, variables: { fiscalYear: 2569 }, as: IdentityFactory.public() }),
    ).provinceWasteSummary;
    if (!summary) throw new Error('the province summary is null (waste-metrics did not answer)');
    expect(summary.populationSource).toBe('Test registry (as of 2025-12-31)');
    const ours = summary.rankingPerResident.filter(
      (r) => r.organization && Object.values(orgs).includes(r.organization.id),
    );
    // A: 31 + 32.5 + 30 t over 3 months for 1,000 residents = 31.167 kg per resident per month; B reported nothing.
    expect(ours[0]).toMatchObject({ organization: { id: orgs.A }, population: 1000, kgPerResidentPerMonth: '31.167' });
    expect(ours.slice(1).map((r) => [r.organization!.id, r.population, r.kgPerResidentPerMonth])).toEqual(
      expect.arrayContaining([
        [orgs.B, 500, null],
        [orgs.C, null, null],
      ]),
    );
    // Ranked first among those with a figure; those without come after every ranked one.
    const ranked = summary.rankingPerResident.filter((r) => r.kgPerResidentPerMonth !== null);
    expect(summary.rankingPerResident.slice(0, ranked.length)).toEqual(ranked);
  });
});
