import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Identity } from '@pcc/http';
import type { Authenticator } from '../auth';
import { callerOf, statusOf, type Answer, type Execute } from './execute';
import { requestWindow } from './open311-window';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only, over the cases subgraph:
 * a service is a case category, a service request a case, its id the public tracking code. Every
 * route runs GraphQL operations through the gateway as the caller (anonymous without a token), so
 * intake rules, rate limits and what each caller may see are the cases service's, unchanged.
 * Errors are GeoReport's: an array of `{ code, description }` with the HTTP status as `code`.
 */
const PREFIX = '/open311/v2';
const CLOSED = ['RESOLVED', 'CLOSED', 'REJECTED'];
const OPEN = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'IN_MEDIATION', 'REOPENED'];
/** One page of the cases list: GeoReport lets a server cap its answer. */
const MAX_REQUESTS = 100;
const MAX_IDS = 50;

const REQUEST_FIELDS = `trackingCode status category title description resolution dueAt openedAt updatedAt attachmentUrls
  location { lat lng address subdistrict { code } } leadOrganization { nameEn }`;

interface CaseView {
  trackingCode: string;
  status: string;
  category: string;
  title: string | null;
  description: string | null;
  resolution: string | null;
  dueAt: string | null;
  openedAt: string;
  updatedAt: string;
  attachmentUrls: string[];
  location: { lat: number; lng: number; address: string | null; subdistrict: { code: string } | null } | null;
  leadOrganization: { nameEn: string } | null;
}

export const refuse = (reply: FastifyReply, status: number, description: string) =>
  reply
    .code(status)
    .type('application/json')
    .send([{ code: status, description }]);

const errorReply = (reply: FastifyReply, answer: Answer<unknown>) =>
  refuse(reply, statusOf(answer.errors!), answer.errors!.map((e) => e.message).join('; '));

/** A case as a GeoReport service request: what the caller may see of it, nothing more. */
function serviceRequest(c: CaseView, names: Map<string, string>) {
  return {
    service_request_id: c.trackingCode,
    status: CLOSED.includes(c.status) ? 'closed' : 'open',
    status_notes: c.resolution,
    service_name: names.get(c.category) ?? c.category,
    service_code: c.category,
    // The reporter's own words for the people working the case; the public title for everyone else.
    description: c.description ?? c.title,
    agency_responsible: c.leadOrganization?.nameEn ?? null,
    service_notice: null,
    requested_datetime: c.openedAt,
    updated_datetime: c.updatedAt,
    expected_datetime: c.dueAt,
    address: c.location?.address ?? null,
    address_id: c.location?.subdistrict?.code ?? null,
    zipcode: null,
    lat: c.location?.lat ?? null,
    long: c.location?.lng ?? null,
    media_url: c.attachmentUrls[0] ?? null,
  };
}

const single = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

export function registerOpen311(app: FastifyInstance, execute: Execute, authenticator: Authenticator): void {
  /** The categories and their names, as the cases service defines them. */
  const services = (request: Parameters<Execute>[0], identity: Identity) =>
    execute<{ caseCategories: Array<{ category: string; nameEn: string; nameTh: string; owner: string }> }>(
      request,
      identity,
      '{ caseCategories { category nameEn nameTh owner } }',
    );
  const serviceNames = async (request: Parameters<Execute>[0], identity: Identity) =>
    new Map(((await services(request, identity)).data?.caseCategories ?? []).map((c) => [c.category, c.nameEn]));

  void app.register(async (open311) => {
    // GeoReport clients post forms; JSON bodies are taken too.
    open311.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    open311.get(`${PREFIX}/services.json`, async (request, reply) => {
      const identity = await callerOf(authenticator, request, reply, refuse);
      if (!identity) return reply;
      const answer = await services(request, identity);
      if (answer.errors) return errorReply(reply, answer);
      return reply.send(
        (answer.data?.caseCategories ?? []).map((c) => ({
          service_code: c.category,
          service_name: c.nameEn,
          description: `${c.nameEn} (${c.nameTh})`,
          metadata: false,
          type: 'realtime',
          keywords: c.category.toLowerCase().replace(/_/g, ' '),
          // Routed on its own to the area's organization, or through the network centre's triage.
          group: c.owner === 'AREA' ? 'local organization' : 'network centre',
        })),
      );
    });

    open311.post(`${PREFIX}/requests.json`, async (request, reply) => {
      const identity = await callerOf(authenticator, request, reply, refuse);
      if (!identity) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => single(body[name])?.trim() || undefined;
      const number = (name: string) => {
        const raw = field(name);
        return raw === undefined || !/^-?\d+(\.\d+)?$/.test(raw) ? undefined : Number(raw);
      };
      const serviceCode = field('service_code');
      const [lat, lng] = [number('lat'), number('long')];
      if (!serviceCode) return refuse(reply, 400, 'service_code is required');
      if (lat === undefined || lng === undefined)
        return refuse(
          reply,
          400,
          'lat and long are required (decimal degrees): this server does not geocode addresses',
        );
      const names = await serviceNames(request, identity);
      if (!names.has(serviceCode))
        return refuse(reply, 400, `service_code ${serviceCode} is not a service (see services.json)`);
      const name = [field('first_name'), field('last_name')].filter(Boolean).join(' ');
      const description = field('description');
      const mediaUrl = field('media_url');
      const subdistrict = field('attribute[subdistrict]');
      const answer = await execute<{
        openCase: { trackingCode: string; reporterSecret: string; case: { status: string } };
      }>(
        request,
        identity,
        `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode reporterSecret case { status } } }`,
        {
          input: {
            kind: 'GRIEVANCE',
            category: serviceCode,
            channel: 'WEB',
            // The public title is the service's name: the reporter's description may name people.
            title: names.get(serviceCode),
            description: description ?? names.get(serviceCode),
            location: {
              lat,
              lng,
              ...(field('address_string') ? { address: field('address_string') } : {}),
              ...(subdistrict ? { subdistrict } : {}),
            },
            ...(mediaUrl ? { attachmentUrls: [mediaUrl] } : {}),
            reporter: {
              name: name || 'Open311 reporter',
              ...(field('phone') ? { phone: field('phone') } : {}),
              ...(field('email') ? { email: field('email') } : {}),
            },
          },
        },
      );
      if (answer.errors || !answer.data) return errorReply(reply, answer);
      const opened = answer.data.openCase;
      return reply.code(201).send([
        {
          service_request_id: opened.trackingCode,
          service_notice:
            opened.case.status === 'TRIAGED'
              ? 'Sent to the organization responsible for the area.'
              : 'Received by the Phuket Clinic Center for triage.',
          account_id: null,
          // An extension: the reporter's proof for adding information, rating or reopening (shown once).
          reporter_secret: opened.reporterSecret,
        },
      ]);
    });

    open311.get(`${PREFIX}/requests.json`, async (request, reply) => {
      const identity = await callerOf(authenticator, request, reply, refuse);
      if (!identity) return reply;
      const query = request.query as Record<string, unknown>;
      const names = await serviceNames(request, identity);
      const ids = single(query.service_request_id);
      if (ids) {
        const codes = ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (codes.length > MAX_IDS) return refuse(reply, 400, `at most ${MAX_IDS} service_request_id at once`);
        const found: CaseView[] = [];
        for (const code of codes) {
          const answer = await execute<{ caseByTrackingCode: CaseView | null }>(
            request,
            identity,
            `query ($code: String!) { caseByTrackingCode(code: $code) { ${REQUEST_FIELDS} } }`,
            { code },
          );
          if (answer.errors) return errorReply(reply, answer);
          if (answer.data?.caseByTrackingCode) found.push(answer.data.caseByTrackingCode);
        }
        return reply.send(found.map((c) => serviceRequest(c, names)));
      }
      const status = single(query.status);
      if (status !== undefined && !['open', 'closed'].includes(status))
        return refuse(reply, 400, 'status is open or closed');
      const serviceCode = single(query.service_code);
      if (serviceCode !== undefined && !names.has(serviceCode))
        return refuse(reply, 400, `service_code ${serviceCode} is not a service (see services.json)`);
      const window = requestWindow(single(query.start_date), single(query.end_date), new Date());
      if ('error' in window) return refuse(reply, 400, window.error);
      const filter = {
        ...(serviceCode ? { category: serviceCode } : {}),
        ...(status ? { status: status === 'open' ? OPEN : CLOSED } : {}),
        openedBetween: window,
      };
      const answer = await execute<{ cases: { edges: Array<{ node: CaseView }> } }>(
        request,
        identity,
        `query ($filter: CaseFilter, $first: Int) { cases(filter: $filter, first: $first) { edges { node { ${REQUEST_FIELDS} } } } }`,
        { filter, first: MAX_REQUESTS },
      );
      if (answer.errors || !answer.data) return errorReply(reply, answer);
      return reply.send(answer.data.cases.edges.map((e) => serviceRequest(e.node, names)));
    });

    open311.get<{ Params: { id: string } }>(`${PREFIX}/requests/:id`, async (request, reply) => {
      const identity = await callerOf(authenticator, request, reply, refuse);
      if (!identity) return reply;
      const match = /^(.+)\.json$/.exec(request.params.id);
      if (!match) return refuse(reply, 404, 'JSON only: /open311/v2/requests/{id}.json');
      const answer = await execute<{ caseByTrackingCode: CaseView | null }>(
        request,
        identity,
        `query ($code: String!) { caseByTrackingCode(code: $code) { ${REQUEST_FIELDS} } }`,
        { code: match[1] },
      );
      if (answer.errors) return errorReply(reply, answer);
      const found = answer.data?.caseByTrackingCode;
      if (!found) return refuse(reply, 404, `No service request ${match[1]}`);
      return reply.send([serviceRequest(found, await serviceNames(request, identity))]);
    });
  });
}
