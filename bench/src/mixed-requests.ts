/**
 * Turns the mixed workload's steps into HTTP requests for one gateway: each caller's own token (a
 * signed JWT for our gateway, an internal token for Hive, which has no step that signs one; none for
 * citizens through ours), each operation's query and the step's variables. Later case-list pages get
 * their cursor from walking the pages before, once, before anything is measured.
 */
import { SignJWT } from 'jose';
import { InternalTokens, PUBLIC_IDENTITY } from '@pcc/subgraph-kit';
import { once, type Request } from './load';
import type { KindRequest } from './mixed-load';
import { KINDS, type CaseListQuery, type Caller, type Kind, type Step, type Variables } from './workload';

const OPEN = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'IN_MEDIATION', 'REOPENED'];
const caseFilter = (list: CaseListQuery): Record<string, unknown> => {
  switch (list.filter) {
    case 'open':
      return { organization: list.organization, status: OPEN };
    case 'overdue':
      return { organization: list.organization, overdue: true };
    case 'waste':
      return { organization: list.organization, category: 'WASTE' };
  }
};
const listKey = (list: CaseListQuery) => `${list.organization}/${list.filter}/${list.page}`;

export interface Secrets {
  internal: string;
  jwt: string;
}

export type Sender = 'ours' | 'hive';
type Tokens = Map<string, string | null>;

/** A caller's token as an identity provider signs it for our gateway (HS256, four hours). */
export const userToken = (
  secret: string,
  sub: string,
  role: Caller['role'],
  org: string | null = null,
): Promise<string> =>
  new SignJWT({ role, ...(org ? { org } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('4h')
    .sign(new TextEncoder().encode(secret));

/** Every caller's token as each kind of gateway expects it. */
export async function callerTokens(callers: readonly Caller[], secrets: Secrets): Promise<Record<Sender, Tokens>> {
  const internal = new InternalTokens(secrets.internal, 4 * 3600);
  const ours: Tokens = new Map();
  const hive: Tokens = new Map();
  for (const caller of callers) {
    ours.set(
      caller.sub,
      caller.role === 'PUBLIC' ? null : await userToken(secrets.jwt, caller.sub, caller.role, caller.org),
    );
    hive.set(
      caller.sub,
      await internal.sign(
        caller.role === 'PUBLIC' ? PUBLIC_IDENTITY : { sub: caller.sub, role: caller.role, org: caller.org },
      ),
    );
  }
  return { ours, hive };
}

/**
 * The cursor of every later case-list page the steps ask for, walked through `gateway` with a token
 * that may list any organization's cases. A list shorter than the page asked for gives its first page.
 */
export async function caseListCursors(
  steps: readonly Step[],
  query: string,
  gateway: string,
  token: string,
): Promise<Map<string, string | null>> {
  const deepest = new Map<string, CaseListQuery>();
  for (const { request } of steps)
    if (request.kind === 'case list') {
      const key = `${request.list.organization}/${request.list.filter}`;
      if ((deepest.get(key)?.page ?? 0) < request.list.page) deepest.set(key, request.list);
    }
  const cursors = new Map<string, string | null>();
  for (const list of deepest.values()) {
    let after: string | null = null;
    for (let page = 1; page <= list.page; page += 1) {
      cursors.set(listKey({ ...list, page }), after);
      if (page === list.page) break;
      const answer = await once({
        url: gateway,
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { filter: caseFilter(list), after } }),
      });
      const info = (answer.body.data as { cases?: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } })
        ?.cases?.pageInfo;
      if (!info)
        throw new Error(`case list ${JSON.stringify(list)} failed: ${JSON.stringify(answer.body).slice(0, 300)}`);
      after = info.hasNextPage ? info.endCursor : null;
    }
  }
  return cursors;
}

const variablesOf = (request: Variables, cursors: Map<string, string | null>): Record<string, unknown> => {
  switch (request.kind) {
    case 'province dashboard':
    case 'waste summary':
      return { fiscalYear: request.fiscalYear };
    case 'organization page':
    case 'case tracking':
      return { code: request.code };
    case 'case list':
      return { filter: caseFilter(request.list), after: cursors.get(listKey(request.list)) ?? null };
    case 'project list':
      return { organizationId: request.organizationId, fiscalYear: request.fiscalYear };
  }
};

/** The steps as requests to one gateway, each with its caller's token. */
export function mixedRequests(
  steps: readonly Step[],
  url: string,
  tokens: Tokens,
  operation: (file: (typeof KINDS)[Kind]) => string,
  cursors: Map<string, string | null>,
): KindRequest[] {
  // One body per distinct request, shared between the steps that send it.
  const bodies = new Map<string, string>();
  return steps.map(({ caller, request }) => {
    const variables = variablesOf(request, cursors);
    const id = JSON.stringify([request.kind, variables]);
    let body = bodies.get(id);
    if (!body) bodies.set(id, (body = JSON.stringify({ query: operation(KINDS[request.kind]), variables })));
    const token = tokens.get(caller.sub) ?? null;
    const r: Request = { url, headers: token ? { authorization: `Bearer ${token}` } : {}, body };
    return { ...r, kind: request.kind };
  });
}
