import { casesClient } from './cases-client';

/**
 * How the resolution of a case reaches the reporter's message: the text the lead officer wrote when
 * resolving, or null when the cases subgraph has none to give (an unknown case, no resolution).
 * Throws when the cases subgraph cannot be asked: the consumer retries the event later.
 */
export type ResolutionReader = (caseId: string, leadOrganizationCode: string) => Promise<string | null>;

/**
 * Reads `case(id) { resolution }` from the cases subgraph as an officer of the case's lead organization,
 * the organization that wrote it. Why a read and not the event: the resolution is free text that may
 * name people, shown by the cases service only to the reporter and the people working the case, so it
 * never travels in events (packages/events: no free text). The text goes into the reporter's own
 * e-mail only, never into a webhook, an event or a log line.
 */
export function casesResolutionReader(casesUrl: string, internalSecret: string): ResolutionReader {
  const ask = casesClient(casesUrl, internalSecret);
  return async (caseId, leadOrganizationCode) => {
    const { status, data, codes } = await ask<{ case: { resolution: string | null } | null }>(
      { role: 'LGO_OFFICER', org: leadOrganizationCode },
      'query Resolution($id: ID!) { case(id: $id) { resolution } }',
      { id: caseId },
    );
    // A case the cases service does not know or will not show is a message without the text, not a failure.
    if (codes.includes('NOT_FOUND') || codes.includes('FORBIDDEN')) return null;
    if (codes.length > 0 || !data) throw new Error(`the cases service answered ${status}`);
    return data.case?.resolution?.trim() || null;
  };
}
