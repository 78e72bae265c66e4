import { forbidden } from '@pcc/subgraph-kit';
import { casesClient } from './cases-client';

/** The case's id when the tracking code and reporter secret belong together; FORBIDDEN otherwise. */
export type ReporterCheck = (trackingCode: string, reporterSecret: string) => Promise<string>;

/**
 * Asks the cases subgraph, the only holder of reporter secrets, as the reporter would (PUBLIC,
 * `caseByTrackingCode` with the secret): a wrong secret is its FORBIDDEN, passed on. Made only when
 * a reporter subscribes.
 */
export function casesReporterCheck(casesUrl: string, internalSecret: string): ReporterCheck {
  const ask = casesClient(casesUrl, internalSecret);
  return async (trackingCode, reporterSecret) => {
    const { status, data, codes } = await ask<{ caseByTrackingCode: { id: string } | null }>(
      { role: 'PUBLIC', org: null },
      'query Reporter($code: String!, $secret: String) { caseByTrackingCode(code: $code, reporterSecret: $secret) { id } }',
      { code: trackingCode, secret: reporterSecret },
    );
    // Like the cases service, no answer tells an unknown code from a wrong secret (or one of the wrong form).
    if (codes.includes('FORBIDDEN') || codes.includes('BAD_USER_INPUT'))
      throw forbidden('The tracking code and reporter secret do not match');
    if (codes.length > 0 || !data) throw new Error(`the cases service answered ${status}`);
    const id = data.caseByTrackingCode?.id;
    if (!id) throw forbidden('The tracking code and reporter secret do not match');
    return id;
  };
}
