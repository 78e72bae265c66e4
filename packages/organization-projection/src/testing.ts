import { randomUUID } from 'node:crypto';
import { defineRowFactory } from '@pcc/testing';
import { OrganizationProjection } from './entity';

/**
 * Rows of the projection for tests that need organizations without running the organizations
 * service and Kafka: an active municipality in KATHU with a fresh id, code ORG-<n> unless given.
 * Imported as `@pcc/organization-projection/testing`, so no service loads test helpers.
 */
export const OrganizationFactory = defineRowFactory(OrganizationProjection, (n): OrganizationProjection => {
  const code = `ORG-${n}`;
  return {
    id: randomUUID(),
    code,
    nameTh: code,
    nameEn: code,
    type: 'TOWN_MUNICIPALITY',
    district: 'KATHU',
    active: true,
    establishedOn: '2000-01-01',
    eventTime: new Date(),
    version: '0',
  };
});
