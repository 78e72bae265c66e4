import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth';
import { callerOf, statusOf, type Execute } from './execute';
import { firstPage } from './pages';
import { refuse } from './open311';

type Row = Record<string, unknown>;
type Params = Record<string, string | undefined>;

/** One export: its GraphQL list (aliased `list`), how query parameters become its variables, its columns. */
interface ExportDefinition {
  query: string;
  variables: (params: Params) => Record<string, unknown> | string;
  columns: Array<[header: string, value: (node: Row) => unknown]>;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const int = (value: string | undefined, name: string): number | undefined | string =>
  value === undefined ? undefined : /^\d{1,6}$/.test(value) ? Number(value) : `${name} must be a whole number`;
/** The filter of planning's and waste's lists: `organization` (id) and `fiscalYear`, plus their own fields. */
function byOrganizationAndYear(p: Params, more: Record<string, unknown> = {}): Record<string, unknown> | string {
  const fiscalYear = int(p.fiscalYear, 'fiscalYear');
  if (typeof fiscalYear === 'string') return fiscalYear;
  return {
    filter: {
      ...(p.organization ? { organizationId: p.organization } : {}),
      ...(fiscalYear !== undefined ? { fiscalYear } : {}),
      ...more,
    },
  };
}
const at = (node: Row, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Row)[key] : null), node);
const columns = (...paths: string[]): ExportDefinition['columns'] => paths.map((p) => [p, (n) => at(n, p)]);

/**
 * What each export holds. No personal data in any of them, whoever asks: no reporter, no description,
 * no address (an export leaves the platform); what remains is shown as the service shows it to the
 * caller (a sensitive case's title is empty for an analyst).
 */
const EXPORTS: Record<string, ExportDefinition> = {
  cases: {
    query: `query ($filter: CaseFilter, $first: Int, $after: String) {
      list: cases(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { trackingCode kind category channel status priority title overdue rating reopenCount
          openedAt dueAt resolvedAt closedAt location { district subdistrict { code } } leadOrganization { code } } }
      }
    }`,
    variables: (p) => ({
      filter: {
        ...(list(p.status) ? { status: list(p.status) } : {}),
        ...(p.kind ? { kind: p.kind } : {}),
        ...(p.category ? { category: p.category } : {}),
        ...(p.organization ? { organization: p.organization } : {}),
        ...(p.district ? { district: p.district } : {}),
        ...(p.overdue ? { overdue: p.overdue === 'true' } : {}),
        ...(p.from || p.to
          ? { openedBetween: { ...(p.from ? { from: p.from } : {}), ...(p.to ? { to: p.to } : {}) } }
          : {}),
      },
    }),
    columns: columns(
      'trackingCode',
      'kind',
      'category',
      'channel',
      'status',
      'priority',
      'location.district',
      'location.subdistrict.code',
      'leadOrganization.code',
      'title',
      'overdue',
      'rating',
      'reopenCount',
      'openedAt',
      'dueAt',
      'resolvedAt',
      'closedAt',
    ),
  },
  projects: {
    query: `query ($filter: ProjectFilter, $first: Int, $after: String) {
      list: projects(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { code title owner { code } fiscalYear fundingSource status budget approvedBudget disbursed
          progressPercent delayed plannedStart plannedEnd } }
      }
    }`,
    variables: (p) =>
      byOrganizationAndYear(p, {
        ...(list(p.status) ? { status: list(p.status) } : {}),
        ...(p.fundingSource ? { fundingSource: p.fundingSource } : {}),
      }),
    columns: columns(
      'code',
      'title',
      'owner.code',
      'fiscalYear',
      'fundingSource',
      'status',
      'budget',
      'approvedBudget',
      'disbursed',
      'progressPercent',
      'delayed',
      'plannedStart',
      'plannedEnd',
    ),
  },
  'waste-reports': {
    query: `query ($filter: WasteReportFilter, $first: Int, $after: String) {
      list: wasteReports(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { organization { code } month fiscalYear revision totalTonnes submittedAt
          byStream { general organic recyclable hazardous } byDestination { incinerated landfilled recycled composted } } }
      }
    }`,
    variables: (p) => byOrganizationAndYear(p),
    columns: columns(
      'organization.code',
      'month',
      'fiscalYear',
      'revision',
      'totalTonnes',
      'byStream.general',
      'byStream.organic',
      'byStream.recyclable',
      'byStream.hazardous',
      'byDestination.incinerated',
      'byDestination.landfilled',
      'byDestination.recycled',
      'byDestination.composted',
      'submittedAt',
    ),
  },
};

/** Who may export: the people of the network and analysts; citizens follow cases through GraphQL or Open311. */
const EXPORTERS = ['NETWORK_ADMIN', 'LGO_OFFICER', 'ANALYST'];

/**
 * `GET /exports/cases.csv`, `/exports/projects.csv`, `/exports/waste-reports.csv`: filtered lists as
 * CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Thai), streamed page by
 * page as the caller, at most `maxRows` rows (`limit` asks for fewer). `X-Total-Count` says how many
 * rows matched and `X-Export-Truncated: true` that the file stops at the limit.
 */
export function registerCsvExports(
  app: FastifyInstance,
  execute: Execute,
  authenticator: Authenticator,
  maxRows: number,
): void {
  app.get<{ Params: { name: string } }>('/exports/:name', async (request, reply) => {
    const match = /^(.+)\.csv$/.exec(request.params.name);
    const definition = match ? EXPORTS[match[1]!] : undefined;
    if (!match || !definition)
      return refuse(
        reply,
        404,
        `No such export: ${Object.keys(EXPORTS)
          .map((n) => `${n}.csv`)
          .join(', ')}`,
      );
    const identity = await callerOf(authenticator, request, reply, refuse);
    if (!identity) return reply;
    if (!EXPORTERS.includes(identity.role))
      return identity.role === 'PUBLIC'
        ? refuse(reply, 401, 'Exports are for staff and analysts: send a token')
        : refuse(reply, 403, `${identity.role} may not export`);
    const params = request.query as Params;
    const limit = params.limit === undefined ? maxRows : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxRows)
      return refuse(reply, 400, `limit is a whole number from 1 to ${maxRows}`);
    const variables = definition.variables(params);
    if (typeof variables === 'string') return refuse(reply, 400, variables);
    const read = await firstPage<Row>(execute, request, identity, definition.query, variables, limit);
    if ('errors' in read) return refuse(reply, statusOf(read.errors!), read.errors!.map((e) => e.message).join('; '));
    const rows = Readable.from(
      (async function* () {
        for await (const node of read.nodes) yield definition.columns.map(([, value]) => value(node) ?? '');
      })(),
    );
    const csv = stringify({
      header: true,
      bom: true,
      columns: definition.columns.map(([header]) => header),
      cast: { boolean: (value) => String(value) },
    });
    rows.on('error', (error) => csv.destroy(error));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${match[1]}.csv"`)
      .header('cache-control', 'no-store')
      .header('x-total-count', String(read.totalCount))
      .header('x-export-truncated', String(read.totalCount > limit))
      .send(rows.pipe(csv));
  });
}
