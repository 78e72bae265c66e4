/**
 * The topic registry: one topic per aggregate, `pcc.<service>.<aggregate>.v<N>`. Keys are the
 * aggregate id, so events of one aggregate stay in order. A change that breaks readers gets a new
 * `.vN` topic; these names are a public contract for analysts.
 */
export const TOPICS = {
  organization: 'pcc.organizations.organization.v1',
  member: 'pcc.organizations.member.v1',
  agreement: 'pcc.organizations.agreement.v1',
  /** Network meetings and workshops, their resolutions and follow-up actions, keyed by meeting id. */
  meeting: 'pcc.organizations.meeting.v1',
  case: 'pcc.cases.case.v1',
  project: 'pcc.planning.project.v1',
  plan: 'pcc.planning.plan.v1',
  /** Each organization's reports of its accumulated funds, keyed by organization id. */
  accumulatedFunds: 'pcc.planning.accumulated-funds.v1',
  wasteReport: 'pcc.waste.report.v1',
  /** The schema registry's decisions (accepted supergraphs, rejected publications), keyed by subgraph. */
  schemaDecision: 'pcc.registry.decision.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Where a message goes when it keeps failing: `<topic>.dlq`. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** CloudEvents `source` of a service: `/services/<name>`. */
export const sourceOf = (service: string): string => `/services/${service}`;
