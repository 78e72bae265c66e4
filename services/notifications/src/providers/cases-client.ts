import { InternalTokens, type Identity } from '@pcc/subgraph-kit';

/** A GraphQL answer of the cases subgraph, with the codes of its errors. */
export interface CasesAnswer<T> {
  status: number;
  data: T | null;
  codes: Array<string | undefined>;
}

/**
 * The one way this service asks the cases subgraph (`CASES_SUBGRAPH_URL`): a GraphQL request with an
 * internal token for the identity the question is asked as (sub `pcc-notifications`), 10 s at most.
 */
export function casesClient(casesUrl: string, internalSecret: string) {
  const tokens = new InternalTokens(internalSecret);
  return async <T>(
    as: Omit<Identity, 'sub'>,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<CasesAnswer<T>> => {
    const token = await tokens.sign({ sub: 'pcc-notifications', ...as });
    const response = await fetch(casesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json()) as { data?: T | null; errors?: Array<{ extensions?: { code?: string } }> };
    return {
      status: response.status,
      data: answer.data ?? null,
      codes: (answer.errors ?? []).map((e) => e.extensions?.code),
    };
  };
}
