import type { EntityManager } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import { atRisk } from '../domain/summary';
import { emitWasteEvent } from '../events/waste-events';
import { summariesFor } from '../store/figures';

/**
 * Re-judges an organization's fiscal year after anything that can move it (a report, a correction,
 * a baseline, a target) and emits `waste.target-at-risk` or `waste.back-on-track` only when the state
 * flips: once per organization and fiscal year per flip. Runs inside the caller's transaction, so the
 * state and its event commit with the change that caused them.
 */
export async function reassessRisk(
  tx: EntityManager,
  organizationId: string,
  fiscalYear: number,
  identity: Identity,
  traceparent?: string,
): Promise<void> {
  // One judge at a time per organization and year, and the figures read after taking the turn:
  // two writers of different months must not both see "was on track" and both emit.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`risk|${organizationId}|${fiscalYear}`]);
  const summary = (await summariesFor(tx, [organizationId], fiscalYear)).get(organizationId)!;
  const now = atRisk(summary);
  const [previous] = await tx.query<Array<{ at_risk: boolean }>>(
    'SELECT at_risk FROM waste_risk_state WHERE organization_id = $1 AND fiscal_year = $2 FOR UPDATE',
    [organizationId, fiscalYear],
  );
  const was = previous ? previous.at_risk : false;
  if (now === was) return;
  await tx.query(
    `INSERT INTO waste_risk_state (organization_id, fiscal_year, at_risk) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET at_risk = EXCLUDED.at_risk, changed_at = now()`,
    [organizationId, fiscalYear, now],
  );
  await emitWasteEvent(
    tx,
    now ? 'target-at-risk' : 'back-on-track',
    organizationId,
    identity,
    {
      fiscalYear,
      projectedReductionPercent: summary.projectedReductionPercent ?? '0.00',
      targetPercent: summary.targetPercent ?? '0.00',
    },
    traceparent,
    identity.sub === 'system',
  );
}
