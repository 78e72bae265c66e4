import type { EntityManager } from 'typeorm';
import { Outbox, platformCatalogue, sourceOf } from '@pcc/events';
import { type Identity, eventActor } from '@pcc/subgraph-kit';
import { fromSatang } from '../domain/money';
import type { ProjectEntity } from '../store/entities';
import { service } from '../service';

/** This service's outbox: every event it writes is validated against the platform catalogue. */
export const outbox = new Outbox(platformCatalogue, sourceOf(service.name));

/** Who the delay watch's events name as their actor (role SYSTEM). */
const DELAY_WATCH: Identity = { sub: 'planning', role: 'NETWORK_ADMIN', org: null };

/** A project as analysts see it (the catalogue's `projectSnapshot`). */
export async function projectSnapshot(tx: EntityManager, p: ProjectEntity) {
  const partners: Array<{ organization_id: string }> = await tx.query(
    'SELECT organization_id FROM project_partner WHERE project_id = $1 ORDER BY organization_id',
    [p.id],
  );
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    ownerOrganizationId: p.ownerOrganizationId,
    partnerOrganizationIds: partners.map((r) => r.organization_id),
    fiscalYear: p.fiscalYear,
    planId: p.planId,
    strategyId: p.strategyId,
    fundingSource: p.fundingSource,
    status: p.status,
    budget: p.budget,
    approvedBudget: p.approvedBudget,
    disbursed: p.disbursed,
    progressPercent: p.progressPercent,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    // Snapshots keep the four statuses their readers know; the withdrawal has its own event.
    coordinationStatus: p.coordinationStatus === 'WITHDRAWN' ? 'NOT_SUBMITTED' : p.coordinationStatus,
    delayed: p.delayed,
    costShares: Object.entries(p.costShares)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([organizationId, points]) => ({ organizationId, percent: fromSatang(BigInt(points)) })),
  };
}

export interface ProjectEvent {
  type: string;
  extra?: Record<string, unknown>;
}

/** Appends `pcc.project.<type>` events for one project (as it is now) in the caller's transaction. */
export async function emitProjectEvents(
  tx: EntityManager,
  project: ProjectEntity,
  identity: Identity | 'SYSTEM',
  traceparent: string | undefined,
  events: ProjectEvent[],
): Promise<void> {
  const snapshot = await projectSnapshot(tx, project);
  for (const event of events) {
    await outbox.append(tx, {
      type: `pcc.project.${event.type}`,
      subject: project.id,
      data: {
        project: snapshot,
        actor: identity === 'SYSTEM' ? eventActor(DELAY_WATCH, true) : eventActor(identity),
        ...event.extra,
      },
      traceparent,
    });
  }
}
