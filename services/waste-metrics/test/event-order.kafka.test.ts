import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@pcc/events';
import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import { waitFor } from '@pcc/testing';
import { agreementTargets } from '../src/server';
import { figures, mouSigned, wastePipeline } from './fixtures';

/**
 * Waste events are keyed by organization: writers of one organization serialise on it, and every
 * event carries the organization's version, so Kafka holds them in commit order, 1, 2, 3, …
 */
describe('waste event order (real PostgreSQL and Kafka)', () => {
  let pipeline: Awaited<ReturnType<typeof wastePipeline>>;
  beforeAll(async () => {
    pipeline = await wastePipeline('wasteorder');
  });
  afterAll(async () => pipeline.close());

  it('publishes concurrent writes of one organization in commit order, versions 1…n', async () => {
    const org = await pipeline.organization();
    const months = monthsOfFiscalYear(2561);
    const write = (mode: 'submit' | 'correct', month: string, t: string) =>
      pipeline.manager()[mode]({ organizationId: org, month, ...figures(t) });
    // Twelve months at once, then a correction of each at once: 24 writers of one organization.
    await Promise.all(months.map((month) => write('submit', month, '10')));
    await Promise.all(months.map((month) => write('correct', month, '9')));
    const ours = await waitFor(
      () => pipeline.tap.messages.filter((m) => m.key === org),
      (messages) => messages.length >= 24,
      20_000,
    );
    const versions = ours.map((m) => (m.value as { version: number }).version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
  });

  it('ignores an MOU event older than the version its target came from', async () => {
    const org = await pipeline.organization();
    const agreementId = randomUUID();
    const apply = (value: string, version: number, time: string) =>
      pipeline.db.dataSource.transaction((tx) =>
        agreementTargets.handlers['pcc.agreement.signed']!(
          mouSigned({ signatories: [org], value, agreementId, version, time }) satisfies DomainEvent,
          tx,
        ),
      );
    const target = async () =>
      (
        await pipeline.db.dataSource.query<[{ reduction_percent: string }]>(
          'SELECT reduction_percent FROM waste_target WHERE organization_id = $1',
          [org],
        )
      )[0].reduction_percent;
    await apply('10', 2, '2026-05-01T09:00:00Z');
    await apply('5', 1, '2026-05-01T10:00:00Z'); // older version, newer clock: ignored
    expect(await target()).toBe('10.00');
    await apply('7', 3, '2026-05-01T08:00:00Z'); // newer version, older clock: applied
    expect(await target()).toBe('7.00');
  });
});
