import { forbidden, InternalTokens } from '@pcc/subgraph-kit';

/** The case's id when the tracking code and reporter secret belong together; FORBIDDEN otherwise. */
export type ReporterCheck = (trackingCode: string, reporterSecret: string) => Promise<string>;

interface CaseAnswer {
  data?: { caseByTrackingCode: { id: string } | null } | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

/**
 * Asks the cases subgraph, the only holder of reporter secrets, as the reporter would (PUBLIC,
 * `caseByTrackingCode` with the secret): a wrong secret is its FORBIDDEN, passed on. This is the
 * service's one call to another subgraph, made only when a reporter subscribes.
 */
export function casesReporterCheck(casesUrl: string, internalSecret: string): ReporterCheck {
  const tokens = new InternalTokens(internalSecret);
  return async (trackingCode, reporterSecret) => {
    const token = await tokens.sign({ sub: 'pcc-notifications', role: 'PUBLIC', org: null });
    const response = await fetch(casesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          'query Reporter($code: String!, $secret: String) { caseByTrackingCode(code: $code, reporterSecret: $secret) { id } }',
        variables: { code: trackingCode, secret: reporterSecret },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json()) as CaseAnswer;
    const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
    // Like the cases service, no answer tells an unknown code from a wrong secret (or one of the wrong form).
    if (codes.includes('FORBIDDEN') || codes.includes('BAD_USER_INPUT'))
      throw forbidden('The tracking code and reporter secret do not match');
    if (codes.length > 0 || !answer.data) throw new Error(`the cases service answered ${response.status}`);
    const id = answer.data.caseByTrackingCode?.id;
    if (!id) throw forbidden('The tracking code and reporter secret do not match');
    return id;
  };
}
