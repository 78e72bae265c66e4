import { cacheExchange, Client, fetchExchange } from 'urql';

/** One urql client per session: the token is fixed for its lifetime; signing in builds a new one. */
export function createGraphQLClient(token: string | null): Client {
  return new Client({
    url: '/graphql',
    // POST for queries too: the gateway's CSRF prevention refuses a GET without a preflighted header.
    preferGetMethod: false,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: (): RequestInit => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
}
