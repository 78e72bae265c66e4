import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@pcc/events';
import { IdentityFactory } from '@pcc/testing';

/** A case event as planning's case projection receives it from Kafka. */
export const caseEvent = (options: {
  caseId: string;
  lead?: string | null;
  status?: string;
  time?: string;
  version?: number;
}): DomainEvent => {
  const time = options.time ?? new Date().toISOString();
  const lead = options.lead ?? null;
  return {
    id: randomUUID(),
    type: 'pcc.case.triaged',
    source: '/services/cases',
    subject: options.caseId,
    time,
    data: {
      case: {
        id: options.caseId,
        trackingCode: 'PCC-2561-000042',
        kind: 'GRIEVANCE',
        category: 'FLOODING',
        channel: 'WEB',
        status: options.status ?? 'TRIAGED',
        priority: 'HIGH',
        district: 'KATHU',
        leadOrganizationId: lead,
        supportingOrganizationIds: [],
        openedAt: time,
        dueAt: null,
      },
      leadOrganizationId: lead,
      actor: IdentityFactory.admin(),
      ...(options.version === undefined ? {} : { version: options.version }),
    },
  };
};
