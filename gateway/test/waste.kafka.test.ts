import { waitFor } from '@pcc/testing';
import { Platform, type GraphQLResult } from './platform';
import { wasteReportInput } from './waste-input';

const FY2560 = [
  '2016-10',
  '2016-11',
  '2016-12',
  '2017-01',
  '2017-02',
  '2017-03',
  '2017-04',
  '2017-05',
  '2017-06',
  '2017-07',
  '2017-08',
  '2017-09',
];
const FY2561 = ['2017-10', '2017-11', '2017-12', '2018-01'];

/** Waste metrics through the gateway, on real parts: MOU targets arrive through Kafka alone. */
describe('waste metrics through the gateway (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let admin: string;
  const ids: Record<string, string> = {};
  const ok = (r: GraphQLResult) => {
    expect(r.body.errors).toBeUndefined();
    return r.body.data!;
  };
  const SUBMIT = 'mutation ($input: WasteReportInput!) { submitWasteReport(input: $input) { id } }';
  const report = wasteReportInput;
  const targetOf = async (id: string) =>
    (
      await platform.wasteDb!.dataSource.query<Array<{ t: string }>>(
        'SELECT reduction_percent::text AS t FROM waste_target WHERE organization_id = $1',
        [id],
      )
    )[0]?.t;

  beforeAll(async () => {
    platform = await Platform.start({ withWaste: true });
    admin = await Platform.token('NETWORK_ADMIN');
    expect(await platform.knowsOrganizations(platform.wasteDb!, 19)).toBeGreaterThanOrEqual(19);
    for (const code of ['PATONG', 'KATHU', 'KARON']) ids[code] = await platform.organizationId(code);
  });
  afterAll(async () => platform.stop());

  it('takes the targets of an MOU signed in the organizations service from Kafka, also for a signatory added later', async () => {
    // The seeded waste MOU (5 % for all 19) reached this service through Kafka alone.
    expect(
      await waitFor(
        () => targetOf(ids.PATONG!),
        (t) => t === '5.00',
        30_000,
      ),
    ).toBe('5.00');
    const registered = ok(
      await platform.graphql(
        'mutation { registerOrganization(input: { code: "LATE-LGO", nameTh: "อบต.ใหม่", nameEn: "Late", type: SUBDISTRICT_ADMINISTRATION, district: THALANG }) { id } }',
        {},
        admin,
      ),
    ).registerOrganization as { id: string };
    const [{ id: agreementId }] = await platform.db.dataSource.query<[{ id: string }]>(
      `SELECT id FROM agreement WHERE subject = 'WASTE_MANAGEMENT'`,
    );
    ok(
      await platform.graphql(
        'mutation ($a: ID!, $o: ID!) { addAgreementSignatory(agreementId: $a, organizationId: $o) { id } }',
        { a: agreementId, o: registered.id },
        admin,
      ),
    );
    expect(
      await waitFor(
        () => targetOf(registered.id),
        (t) => t === '5.00',
        30_000,
      ),
    ).toBe('5.00');
  });

  it('summarizes organizations and the province exactly as the reported figures add up', async () => {
    const figures: Record<string, { base: number; now: number[] }> = {
      PATONG: { base: 1000, now: [930, 940, 950, 960] },
      KATHU: { base: 400, now: [396, 398, 392, 394] },
      KARON: { base: 300, now: [280, 281, 282, 283] },
    };
    for (const [code, f] of Object.entries(figures)) {
      for (const month of FY2560)
        ok(await platform.graphql(SUBMIT, { input: report(ids[code]!, month, f.base) }, admin));
      for (const [i, month] of FY2561.entries())
        ok(await platform.graphql(SUBMIT, { input: report(ids[code]!, month, f.now[i]!) }, admin));
    }
    const QUERY = `{ organizations(first: 100) { edges { node { code nameEn wasteSummary(fiscalYear: 2561) { generatedTonnes baselineTonnes reductionPercent projectedReductionPercent targetPercent onTrack diversionRate monthsReported } } } }
      provinceWasteSummary(fiscalYear: 2561) { generatedTonnes baselineTonnes projectedReductionPercent ranking { rank organization { code } projectedReductionPercent onTrack } } }`;
    platform.wasteQueries.reset();
    const response = await platform.graphql(QUERY);
    const data = ok(response);
    // No N+1: every organization's summary and the province's in a handful of queries, not 20 or more.
    expect(platform.wasteQueries.statements.length).toBeLessThanOrEqual(6);

    type Summary = {
      generatedTonnes: string;
      baselineTonnes: string;
      reductionPercent: string;
      projectedReductionPercent: string;
      targetPercent: string;
      onTrack: boolean;
      diversionRate: string;
      monthsReported: number;
    };
    const byCode = new Map(
      (
        data.organizations as { edges: Array<{ node: { code: string; nameEn: string; wasteSummary: Summary } }> }
      ).edges.map((e) => [e.node.code, e.node]),
    );
    expect(byCode.get('PATONG')!.nameEn).toBe('Patong');
    for (const [code, f] of Object.entries(figures)) {
      const generated = f.now.reduce((a, b) => a + b, 0);
      const expectedProjection = (1 - ((generated / f.now.length) * 12) / (f.base * 12)) * 100;
      expect(byCode.get(code)!.wasteSummary).toEqual({
        generatedTonnes: generated.toFixed(3),
        baselineTonnes: (f.base * 12).toFixed(3),
        reductionPercent: ((1 - generated / (f.base * 4)) * 100).toFixed(2),
        projectedReductionPercent: expectedProjection.toFixed(2),
        targetPercent: '5.00',
        onTrack: expectedProjection >= 5,
        diversionRate: '20.00',
        monthsReported: 4,
      });
    }
    const province = data.provinceWasteSummary as {
      generatedTonnes: string;
      baselineTonnes: string;
      projectedReductionPercent: string;
      ranking: Array<{ rank: number; organization: { code: string } | null; projectedReductionPercent: string | null }>;
    };
    const total = Object.values(figures).reduce((sum, f) => sum + f.now.reduce((a, b) => a + b, 0), 0);
    expect(province.generatedTonnes).toBe(total.toFixed(3));
    expect(province.baselineTonnes).toBe(
      Object.values(figures)
        .reduce((sum, f) => sum + f.base * 12, 0)
        .toFixed(3),
    );
    expect(province.projectedReductionPercent).toBe(
      ((1 - (total * 3) / Object.values(figures).reduce((sum, f) => sum + f.base * 12, 0)) * 100).toFixed(2),
    );
    expect(province.ranking.slice(0, 3).map((r) => r.organization?.code)).toEqual(['KARON', 'PATONG', 'KATHU']);
    expect(province.ranking.map((r) => r.rank)).toEqual(province.ranking.map((_, i) => i + 1));
  });
});
