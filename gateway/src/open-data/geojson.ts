import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { PUBLIC_IDENTITY } from '@pcc/http';
import { statusOf, type Execute } from './execute';
import { firstPage } from './pages';
import { refuse } from './open311';

const OPEN = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'IN_MEDIATION', 'REOPENED'];
const CLOSED = ['RESOLVED', 'CLOSED', 'REJECTED'];

interface PublicCase {
  trackingCode: string;
  category: string;
  status: string;
  title: string | null;
  openedAt: string;
  location: { lat: number; lng: number; district: string | null; subdistrict: { code: string } | null } | null;
}

const QUERY = `query ($filter: CaseFilter, $first: Int, $after: String) {
  list: cases(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { trackingCode category status title openedAt location { lat lng district subdistrict { code } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * `GET /feeds/cases.geojson`: the public map of cases, newest first, read as an anonymous citizen
 * whoever asks, so it holds exactly the public view of the privacy policy (cases service README):
 * coordinates coarsened to ~110 m, no address, no personal data, and no sensitive case at all (their
 * place is withheld). Filters: `category`, `status=open|closed`; at most `limit` features.
 */
export function registerCaseFeed(app: FastifyInstance, execute: Execute, maxFeatures: number): void {
  app.get('/feeds/cases.geojson', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (query.status !== undefined && !['open', 'closed'].includes(query.status))
      return refuse(reply, 400, 'status is open or closed');
    const limit = query.limit === undefined ? maxFeatures : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxFeatures)
      return refuse(reply, 400, `limit is a whole number from 1 to ${maxFeatures}`);
    const filter = {
      ...(query.category ? { category: query.category } : {}),
      ...(query.status ? { status: query.status === 'open' ? OPEN : CLOSED } : {}),
    };
    const read = await firstPage<PublicCase>(execute, request, PUBLIC_IDENTITY, QUERY, { filter }, limit);
    if ('errors' in read) return refuse(reply, statusOf(read.errors!), read.errors!.map((e) => e.message).join('; '));
    async function* body(nodes: AsyncGenerator<PublicCase>) {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const c of nodes) {
        if (!c.location) continue;
        const feature = {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [c.location.lng, c.location.lat] },
          properties: {
            trackingCode: c.trackingCode,
            category: c.category,
            status: c.status,
            title: c.title,
            district: c.location.district,
            subdistrict: c.location.subdistrict?.code ?? null,
            openedAt: c.openedAt,
          },
        };
        yield (first ? '' : ',') + JSON.stringify(feature);
        first = false;
      }
      yield ']}';
    }
    return reply
      .type('application/geo+json')
      .header('cache-control', 'public, max-age=60')
      .send(Readable.from(body(read.nodes)));
  });
}
