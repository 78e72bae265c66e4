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
 * Every case event carries the case's public snapshot, so each run of case events is one upsert of
 * what planning needs to validate a link: id, tracking code, status and the organizations handling
 * it, for each case the latest of the run. An event of an older version than what is stored
 * (redelivered, re-driven) changes nothing, whatever its producer's clock said (`time` only breaks
 * ties between events without a version).
 */
export async function applyCaseEvents(events: DomainEvent[], tx: EntityManager): Promise<void> {
  const rows = events.map((event, position) => {
    const { case: c } = event.data as CaseEventData;
    const organizations = [
      ...new Set([c.leadOrganizationId, ...c.supportingOrganizationIds].filter((id): id is string => id !== null)),
    ];
    return {
      id: c.id,
      tracking_code: c.trackingCode,
      status: c.status,
      organization_ids: organizations,
      event_time: event.time,
      version: versionOf(event.data),
      position,
    };
  });
  // One row per case (an upsert may not touch a row twice): the run's latest of each, by the same
  // order the conflict clause compares in, the later in the run on a tie, as applying them one by one.
  await tx.query(
    `INSERT INTO case_projection (id, tracking_code, status, organization_ids, event_time, version)
     SELECT DISTINCT ON (id) id, tracking_code, status, organization_ids, event_time, version
     FROM jsonb_to_recordset($1::jsonb)
       AS e(id uuid, tracking_code text, status text, organization_ids uuid[], event_time timestamptz, version bigint, position int)
     ORDER BY id, version DESC, event_time DESC, position DESC
     ON CONFLICT (id) DO UPDATE SET tracking_code = EXCLUDED.tracking_code, status = EXCLUDED.status, organization_ids = EXCLUDED.organization_ids,
       event_time = EXCLUDED.event_time, version = EXCLUDED.version
     WHERE (case_projection.version, case_projection.event_time) <= (EXCLUDED.version, EXCLUDED.event_time)`,
    [JSON.stringify(rows)],
  );
}

/**
 * The consumer subscription: every case event type of the catalogue (they all carry the snapshot),
 * through one batch handler, so that a case's consecutive events (opened, status-changed, triaged)
 * and other cases' are one statement.
 */
export const caseProjection: Subscription = {
  topic: TOPICS.case,
  handlers: {},
  batchHandlers: Object.fromEntries(
    platformCatalogue
      .all()
      .filter((d) => d.topic === TOPICS.case)
      .map((d) => [d.type, applyCaseEvents]),
  ),
};
