import type { DataSource } from 'typeorm';
import { preparedQuery } from '@pcc/db';

/** Per database: the fiscal years whose sequence is known to exist. */
const ensured = new WeakMap<DataSource, Set<number>>();

const sequenceOf = (fiscalYear: number): string => {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2400 || fiscalYear > 2800)
    throw new RangeError(`not a fiscal year: ${fiscalYear}`);
  return `case_tracking_${fiscalYear}`;
};

/**
 * Makes sure the fiscal year's sequence exists, outside any transaction (so that it exists for
 * everyone at once, and so that no transaction ever waits for a second pool connection to create
 * it); two processes creating it at the same moment is harmless. Call before intake's statements.
 */
export async function ensureTrackingSequence(dataSource: DataSource, fiscalYear: number): Promise<void> {
  const known = ensured.get(dataSource) ?? new Set<number>();
  ensured.set(dataSource, known);
  if (known.has(fiscalYear)) return;
  try {
    await dataSource.query(`CREATE SEQUENCE IF NOT EXISTS ${sequenceOf(fiscalYear)} MINVALUE 1`);
  } catch (error) {
    // A concurrent CREATE of the same sequence loses the race on the catalogue: it exists now.
    if ((error as { driverError?: { code?: string } }).driverError?.code !== '23505') throw error;
  }
  known.add(fiscalYear);
}

/**
 * What intake reads before it writes, in one round trip: the fiscal year's next tracking number, from
 * its own sequence (never a lock other intakes wait on), and — when routing named an organization by
 * its code — that organization's id if it is an active member of the network, else null.
 */
export async function nextTrackingNumber(
  dataSource: DataSource,
  fiscalYear: number,
  leadCode: string | null = null,
): Promise<{ sequence: number; activeLeadId: string | null }> {
  const [row] = await preparedQuery<{ n: number; lead: string | null }>(
    dataSource,
    `SELECT nextval($1::regclass)::int AS n,
            (SELECT id FROM organization_projection WHERE code = $2 AND active) AS lead`,
    [sequenceOf(fiscalYear), leadCode],
  );
  return { sequence: row!.n, activeLeadId: row!.lead };
}
