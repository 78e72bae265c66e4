import type { EntityManager } from 'typeorm';
import { Outbox, platformCatalogue, sourceOf, type NewEvent } from '@pcc/events';
import { type Identity, eventActor } from '@pcc/subgraph-kit';
import type { CaseEntity } from '../store/entities';
import { service } from '../service';

/** This service's outbox: every event it writes is validated against the platform catalogue. */
export const outbox = new Outbox(platformCatalogue, sourceOf(service.name));

export const SYSTEM: Identity = { sub: 'system', role: 'NETWORK_ADMIN', org: null };

/** The event form of a case: no reporter, no parties, no free text (DESIGN: no personal data in events). */
export function snapshotOf(c: CaseEntity, supportingOrganizationIds: string[]) {
  return {
    id: c.id,
    trackingCode: c.trackingCode,
    kind: c.kind,
    category: c.category,
    channel: c.channel,
    status: c.status,
    priority: c.priority,
    district: c.district,
    leadOrganizationId: c.leadOrgId,
    supportingOrganizationIds,
    openedAt: c.openedAt.toISOString(),
    dueAt: c.dueAt ? c.dueAt.toISOString() : null,
  };
}

export type CaseSnapshot = ReturnType<typeof snapshotOf>;

/** A stored case's event form, with the organizations supporting it as they are in `tx`. */
export async function caseSnapshot(tx: EntityManager, c: CaseEntity): Promise<CaseSnapshot> {
  const supporting: Array<{ organization_id: string }> = await tx.query(
    'SELECT organization_id FROM case_supporting_organization WHERE case_id = $1 ORDER BY joined_at, organization_id',
    [c.id],
  );
  return snapshotOf(
    c,
    supporting.map((s) => s.organization_id),
  );
}

/** `pcc.case.<type>` events of one case in one state, each with that state and the actor. */
export function caseEvents(
  snapshot: CaseSnapshot,
  identity: Identity,
  traceparent: string | undefined,
  events: Array<{ type: string; extra?: Record<string, unknown> }>,
  system = false,
): NewEvent[] {
  return events.map((e) => ({
    type: `pcc.case.${e.type}`,
    subject: snapshot.id,
    data: { case: snapshot, actor: eventActor(identity, system), ...(e.extra ?? {}) },
    traceparent,
  }));
}

/** Appends `pcc.case.<type>` events for a case, each with the current snapshot and the actor. */
export async function emitCaseEvents(
  tx: EntityManager,
  c: CaseEntity,
  identity: Identity,
  traceparent: string | undefined,
  events: Array<{ type: string; extra?: Record<string, unknown> }>,
  system = false,
): Promise<void> {
  await outbox.append(tx, ...caseEvents(await caseSnapshot(tx, c), identity, traceparent, events, system));
}
