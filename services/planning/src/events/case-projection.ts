import type { EntityManager } from 'typeorm';
import { CASE_STATUSES, TOPICS, platformCatalogue, versionOf, type DomainEvent, type Subscription } from '@pcc/events';

type CaseEventData = {
  case: {
    id: string;
    trackingCode: string;
    status: (typeof CASE_STATUSES)[number];
    leadOrganizationId: string | null;
    supportingOrganizationIds: string[];
  };
};

/**
 * Every case event carries the case's public snapshot, so each one is an upsert of what planning
 * needs to validate a link: id, tracking code, status and the organizations handling it. An event
 * of an older version than what is stored (redelivered, re-driven) changes nothing, whatever its
 * producer's clock said (`time` only breaks ties between events without a version).
 */
export async function applyCaseEvent(event: DomainEvent, tx: EntityManager): Promise<void> {
  const { case: c } = event.data as CaseEventData;
  const organizations = [
    ...new Set([c.leadOrganizationId, ...c.supportingOrganizationIds].filter((id): id is string => id !== null)),
  ];
  await tx.query(
    `INSERT INTO case_projection (id, tracking_code, status, organization_ids, event_time, version) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET tracking_code = EXCLUDED.tracking_code, status = EXCLUDED.status, organization_ids = EXCLUDED.organization_ids,
       event_time = EXCLUDED.event_time, version = EXCLUDED.version
     WHERE (case_projection.version, case_projection.event_time) <= (EXCLUDED.version, EXCLUDED.event_time)`,
    [c.id, c.trackingCode, c.status, organizations, event.time, versionOf(event.data)],
  );
}

/** The consumer subscription: every case event type of the catalogue (they all carry the snapshot). */
export const caseProjection: Subscription = {
  topic: TOPICS.case,
  handlers: Object.fromEntries(
    platformCatalogue
      .all()
      .filter((d) => d.topic === TOPICS.case)
      .map((d) => [d.type, applyCaseEvent]),
  ),
};
