import type { EntityManager } from 'typeorm';
import { TOPICS, versionOf, type DomainEvent, type Subscription } from '@pcc/events';
import type { Identity } from '@pcc/subgraph-kit';
import { emitWasteEvent } from './waste-events';
import { reassessRisk } from '../providers/risk';
import { storeBaseline } from '../providers/report-manager';

type AgreementData = {
  agreement: {
    id: string;
    subject: string;
    signatoryOrganizationIds: string[];
    targets: Array<{ metric: string; value: string; unit: string; baselineFiscalYear: number | null }>;
  };
  organizationId?: string;
};

const SYSTEM: Identity = { sub: 'system', role: 'NETWORK_ADMIN', org: null };

/**
 * Targets come from MOUs, through Kafka alone: when a waste-management agreement with a
 * WASTE_REDUCTION target (in percent) is signed, each signatory gets that target (and, if the MOU
 * names a baseline fiscal year and the organization has no baseline of the network admin's, that
 * baseline); an organization that signs later gets it too. An event of an MOU older than the
 * version a target already came from (redelivered, re-driven) changes nothing.
 */
async function applyAgreement(event: DomainEvent, tx: EntityManager): Promise<void> {
  const { agreement, organizationId } = event.data as AgreementData;
  if (agreement.subject !== 'WASTE_MANAGEMENT') return;
  const target = agreement.targets.find((t) => t.metric === 'WASTE_REDUCTION' && t.unit === 'PERCENT');
  // A target this service cannot hold (not a percentage from 0 to 100) is not applied; the MOU
  // event stays in the inbox as handled rather than blocking every event behind it.
  if (!target || !/^\d{1,3}(\.\d{1,2})?$/.test(target.value) || Number(target.value) > 100) return;
  const signatories =
    event.type === 'pcc.agreement.signatory-added' && organizationId
      ? [organizationId]
      : agreement.signatoryOrganizationIds;
  for (const signatory of signatories) {
    const applied = await tx.query<unknown[]>(
      `INSERT INTO waste_target (organization_id, reduction_percent, agreement_id, agreement_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id) DO UPDATE SET reduction_percent = EXCLUDED.reduction_percent, agreement_id = EXCLUDED.agreement_id,
         agreement_version = EXCLUDED.agreement_version, set_at = now()
       WHERE waste_target.agreement_id <> EXCLUDED.agreement_id OR waste_target.agreement_version <= EXCLUDED.agreement_version
       RETURNING organization_id`,
      [signatory, target.value, agreement.id, versionOf(event.data)],
    );
    if (applied.length === 0) continue;
    await emitWasteEvent(
      tx,
      'target-set',
      signatory,
      SYSTEM,
      { targetPercent: Number(target.value).toFixed(2), agreementId: agreement.id },
      event.traceparent,
      true,
    );
    const [baseline] = await tx.query<Array<{ source: 'ADMIN' | 'AGREEMENT' }>>(
      `SELECT source FROM waste_baseline WHERE organization_id = $1`,
      [signatory],
    );
    if (target.baselineFiscalYear && (!baseline || baseline.source === 'AGREEMENT')) {
      await storeBaseline(tx, signatory, target.baselineFiscalYear, null, 'AGREEMENT', SYSTEM, event.traceparent);
    } else {
      const years: Array<{ fiscal_year: number }> = await tx.query(
        'SELECT DISTINCT fiscal_year FROM waste_report WHERE organization_id = $1 AND latest',
        [signatory],
      );
      for (const { fiscal_year } of years) await reassessRisk(tx, signatory, fiscal_year, SYSTEM, event.traceparent);
    }
  }
}

export const agreementTargets: Subscription = {
  topic: TOPICS.agreement,
  handlers: { 'pcc.agreement.signed': applyAgreement, 'pcc.agreement.signatory-added': applyAgreement },
};
