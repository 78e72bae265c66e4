import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import { agreementTargets } from '../src/server';
import { figures, mouSigned, wastePipeline } from './fixtures';

/**
 * The widest values the waste inputs accept, each through the whole path: the write commits (its
 * events pass the catalogue) and the relay publishes them on Kafka. One test per field family.
 */
describe('waste events at the edges of the domain (real PostgreSQL and Kafka)', () => {
  let pipeline: Awaited<ReturnType<typeof wastePipeline>>;
  const signMou = (organizationId: string, value: string) =>
    pipeline.db.dataSource.transaction((tx) =>
      agreementTargets.handlers['pcc.agreement.signed']!(mouSigned({ signatories: [organizationId], value }), tx),
    );
  const published = (type: string, organizationId: string) =>
    pipeline.tap.waitFor((m) => m.key === organizationId && m.headers.ce_type === type);

  beforeAll(async () => {
    pipeline = await wastePipeline('wasteranges');
  });
  afterAll(async () => pipeline.close());

  it('a projected reduction of −19,900 % (6 t baseline, 100 t a month) is judged and published', async () => {
    const org = await pipeline.organization();
    await signMou(org, '5');
    await pipeline.manager().setBaseline(org, null, '6');
    for (const month of monthsOfFiscalYear(2561).slice(0, 3))
      await pipeline.manager().submit({ organizationId: org, month, ...figures('100') });
    const atRisk = await published('pcc.waste.target-at-risk', org);
    expect(atRisk.value).toMatchObject({ projectedReductionPercent: '-19900.00', targetPercent: '5.00' });
  });

  it('the most negative projection the figures allow (0.001 t baseline, the largest months) is published', async () => {
    const org = await pipeline.organization();
    await signMou(org, '100');
    await pipeline.manager().setBaseline(org, null, '0.001');
    for (const month of monthsOfFiscalYear(2561).slice(0, 3))
      await pipeline.manager().submit({ organizationId: org, month, ...figures('999999999.999') });
    const atRisk = await published('pcc.waste.target-at-risk', org);
    const { projectedReductionPercent } = atRisk.value as { projectedReductionPercent: string };
    expect(Number(projectedReductionPercent)).toBeLessThan(-1.19e15);
    expect(await published('pcc.waste.target-set', org)).toMatchObject({ value: { targetPercent: '100.00' } });
  });

  it('the largest monthly figures are published in the report event', async () => {
    const org = await pipeline.organization();
    await pipeline.manager().submit({ organizationId: org, month: '2018-01', ...figures('999999999.999') });
    const submitted = await published('pcc.waste.report-submitted', org);
    expect(submitted.value).toMatchObject({ report: { totalTonnes: '999999999.999' } });
  });

  it('an 11-digit baseline in tonnes commits and is published', async () => {
    const org = await pipeline.organization();
    await pipeline.manager().setBaseline(org, null, '99999999999.999');
    const set = await published('pcc.waste.baseline-set', org);
    expect(set.value).toMatchObject({ baselineTonnes: '99999999999.999' });
  });
});
