import type { EntityManager } from 'typeorm';
import { TOPICS, versionOf, type DomainEvent, type Subscription } from '@pcc/events';

type OrganizationEventData = {
  organization: {
    id: string;
    code: string;
    nameTh: string;
    nameEn: string;
    type: string;
    district: string;
    active: boolean;
    establishedOn: string | null;
  };
};

/**
 * Every organization event carries the whole snapshot, so each one is an upsert; an event of an
 * older version than what is stored (redelivered, re-driven) changes nothing, whatever the
 * producers' clocks said (`time` only breaks ties between events without a version). A code
 * belongs to the organization with the newest event: versions of two organizations do not compare,
 * so there the event time decides (an older holder of the code gives way, a newer one is never
 * displaced); the registry's unique codes make that rare.
 */
export async function applyOrganizationEvent(event: DomainEvent, tx: EntityManager): Promise<void> {
  const { organization: o } = event.data as OrganizationEventData;
  await tx.query('DELETE FROM organization_projection WHERE code = $1 AND id <> $2 AND event_time <= $3', [
    o.code,
    o.id,
    event.time,
  ]);
  await tx.query(
    `INSERT INTO organization_projection (id, code, name_th, name_en, type, district, active, established_on, event_time, version)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
     WHERE NOT EXISTS (SELECT 1 FROM organization_projection WHERE code = $2 AND id <> $1)
     ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en, type = EXCLUDED.type,
       district = EXCLUDED.district, active = EXCLUDED.active, established_on = EXCLUDED.established_on, event_time = EXCLUDED.event_time,
       version = EXCLUDED.version
     WHERE (organization_projection.version, organization_projection.event_time) <= (EXCLUDED.version, EXCLUDED.event_time)`,
    [
      o.id,
      o.code,
      o.nameTh,
      o.nameEn,
      o.type,
      o.district,
      o.active,
      o.establishedOn,
      event.time,
      versionOf(event.data),
    ],
  );
}

/** The consumer subscription that keeps the projection: add it to a service's ConsumerRunner. */
export const organizationProjection: Subscription = {
  topic: TOPICS.organization,
  handlers: {
    'pcc.organization.registered': applyOrganizationEvent,
    'pcc.organization.updated': applyOrganizationEvent,
    'pcc.organization.deactivated': applyOrganizationEvent,
  },
};
