import type { EntityManager } from 'typeorm';
import { TOPICS, type DomainEvent, type Subscription } from '@pcc/events';
import { render, type MessageName } from '../messages/render';
import type { ResolutionReader } from '../providers/resolution-reader';
import type { Audience, Channel, Language } from '../store/rows';

interface Recipient {
  id: string;
  channel: Channel;
  language: Language;
}

type CaseData = {
  case: {
    id: string;
    trackingCode: string;
    category: string;
    priority: string;
    leadOrganizationId: string | null;
    dueAt: string | null;
  };
};
type ProjectDelayedData = {
  project: {
    code: string;
    title: string;
    ownerOrganizationId: string;
    fiscalYear: number;
    progressPercent: number;
  };
  pointsBehind: number;
  elapsedPercent: number;
  asOf: string;
};
type WasteAtRiskData = {
  organizationId: string;
  fiscalYear: number;
  projectedReductionPercent: string;
  targetPercent: string;
};

async function recipients(
  tx: EntityManager,
  audience: Audience,
  key: { organizationId?: string | null; caseId?: string },
): Promise<Recipient[]> {
  if (audience === 'ORGANIZATION' && !key.organizationId) return [];
  return tx.query(
    `SELECT id, channel, language FROM notification_subscription
     WHERE active AND audience = $1
       AND ($1 <> 'ORGANIZATION' OR organization_id = $2) AND ($1 <> 'REPORTER' OR case_id = $3)`,
    [audience, key.organizationId ?? null, key.caseId ?? null],
  );
}

/**
 * Queues one delivery per recipient, in the consumer's transaction: with the inbox row, so a
 * redelivered event queues nothing again (and the unique (subscription, event) pair holds even if it did).
 * Webhooks get the event itself (events carry no personal data); e-mails the message from the templates.
 */
async function enqueue(
  tx: EntityManager,
  event: DomainEvent,
  to: Recipient[],
  message: MessageName,
  values: (language: Language) => Record<string, string | number>,
): Promise<void> {
  for (const recipient of to) {
    const { subject, body } =
      recipient.channel === 'WEBHOOK'
        ? {
            subject: event.type,
            body: JSON.stringify({
              id: event.id,
              type: event.type,
              source: event.source,
              subject: event.subject,
              time: event.time,
              data: event.data,
            }),
          }
        : render(message, recipient.language, values(recipient.language));
    await tx.query(
      `INSERT INTO notification_delivery (subscription_id, event_id, event_type, subject, body)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [recipient.id, event.id, event.type, subject, body],
    );
  }
}

const caseValues =
  ({ case: c }: CaseData) =>
  () => ({
    trackingCode: c.trackingCode,
    category: c.category,
    priority: c.priority,
    dueAt: c.dueAt ?? '-',
  });

/** An organization's name in each language, from the projection (its id if not yet projected). */
async function organizationNames(tx: EntityManager, id: string): Promise<Record<Language, string>> {
  const [row] = await tx.query<Array<{ th: string; en: string }>>(
    'SELECT name_th AS th, name_en AS en FROM organization_projection WHERE id = $1',
    [id],
  );
  return { TH: row?.th ?? id, EN: row?.en ?? id };
}

/** To the reporter of the case (REPORTER subscriptions of that case only). */
const toReporter =
  (message: MessageName) =>
  async (event: DomainEvent, tx: EntityManager): Promise<void> => {
    const data = event.data as CaseData;
    await enqueue(tx, event, await recipients(tx, 'REPORTER', { caseId: data.case.id }), message, caseValues(data));
  };

/** To the lead organization's officers and systems. */
const toLeadOrganization =
  (message: MessageName) =>
  async (event: DomainEvent, tx: EntityManager): Promise<void> => {
    const data = event.data as CaseData;
    const to = await recipients(tx, 'ORGANIZATION', { organizationId: data.case.leadOrganizationId });
    await enqueue(tx, event, to, message, caseValues(data));
  };

/** What the case handlers need beyond the event: the resolution's text, and where the reporter follows the case. */
export interface CaseNotificationDeps {
  readResolution: ResolutionReader;
  /** The public page where a reporter opens their case with its tracking code and secret (and rates it). */
  casePageUrl: string;
}

/** The link in a reporter's message: the case page with the tracking code filled in (never the secret). */
export const caseLink = (casePageUrl: string, trackingCode: string): string => {
  const url = new URL(casePageUrl);
  url.searchParams.set('code', trackingCode);
  return url.toString();
};

/**
 * To the reporter: the case resolved, with what was done (the lead officer's resolution, read from the
 * cases subgraph only when the reporter has subscribed, since the event does not carry it) and the
 * link where they rate it or reopen it.
 */
const resolvedToReporter =
  (deps: CaseNotificationDeps) =>
  async (event: DomainEvent, tx: EntityManager): Promise<void> => {
    const data = event.data as CaseData;
    const to = await recipients(tx, 'REPORTER', { caseId: data.case.id });
    if (to.length === 0) return;
    const lead = data.case.leadOrganizationId;
    const [organization] = lead
      ? await tx.query<Array<{ code: string }>>('SELECT code FROM organization_projection WHERE id = $1', [lead])
      : [];
    const resolution = organization ? await deps.readResolution(data.case.id, organization.code) : null;
    await enqueue(tx, event, to, 'reporter-resolved', () => ({
      ...caseValues(data)(),
      // Empty: the template says where to read it instead.
      resolution: resolution ?? '',
      caseUrl: caseLink(deps.casePageUrl, data.case.trackingCode),
    }));
  };

export const caseNotifications = (deps: CaseNotificationDeps): Subscription => ({
  topic: TOPICS.case,
  handlers: {
    'pcc.case.triaged': toReporter('reporter-triaged'),
    'pcc.case.assigned': async (event, tx) => {
      await toReporter('reporter-assigned')(event, tx);
      await toLeadOrganization('officer-assigned')(event, tx);
    },
    'pcc.case.resolved': resolvedToReporter(deps),
    'pcc.case.sla-breached': toLeadOrganization('officer-sla-breached'),
  },
});

export const projectNotifications: Subscription = {
  topic: TOPICS.project,
  handlers: {
    'pcc.project.delayed': async (event, tx) => {
      const { project, pointsBehind, elapsedPercent, asOf } = event.data as ProjectDelayedData;
      const names = await organizationNames(tx, project.ownerOrganizationId);
      await enqueue(tx, event, await recipients(tx, 'NETWORK', {}), 'coordinator-project-delayed', (language) => ({
        projectCode: project.code,
        projectTitle: project.title,
        organizationName: names[language],
        fiscalYear: project.fiscalYear,
        progressPercent: project.progressPercent,
        pointsBehind,
        elapsedPercent,
        asOf,
      }));
    },
  },
};

export const wasteNotifications: Subscription = {
  topic: TOPICS.wasteReport,
  handlers: {
    'pcc.waste.target-at-risk': async (event, tx) => {
      const data = event.data as WasteAtRiskData;
      const names = await organizationNames(tx, data.organizationId);
      await enqueue(tx, event, await recipients(tx, 'NETWORK', {}), 'coordinator-waste-at-risk', (language) => ({
        organizationName: names[language],
        fiscalYear: data.fiscalYear,
        projectedReductionPercent: data.projectedReductionPercent,
        targetPercent: data.targetPercent,
      }));
    },
  },
};
