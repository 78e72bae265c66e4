import { parse } from 'csv-parse/sync';
import { Platform } from './platform';

/**
 * Open311 GeoReport v2, the public case map and the CSV exports, through a real HTTP client against
 * the running platform: organizations, cases, planning and waste-metrics subgraphs on their own
 * databases, Kafka, and the gateway listening on a port.
 */
describe('open standards and exports (real PostgreSQL, Kafka and HTTP)', () => {
  let platform: Platform;
  let base: string;
  let analyst: string;
  let admin: string;

  beforeAll(async () => {
    platform = await Platform.start({ withCases: true, withPlanning: true, withWaste: true });
    base = platform.gatewayUrl.replace(/\/graphql$/, '');
    analyst = await Platform.token('ANALYST');
    admin = await Platform.token('NETWORK_ADMIN');
    expect(await platform.casesKnowOrganizations(19)).toBeGreaterThanOrEqual(19);
  });
  afterAll(async () => {
    await platform.stop();
  });

  const form = (fields: Record<string, string>) =>
    fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  const get = (path: string, token?: string) =>
    fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const caseCount = async () =>
    (await platform.casesDb!.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM "case"'))[0].n;
  const REPORT = {
    service_code: 'WASTE',
    lat: '7.896123',
    long: '98.296789',
    address_string: '12/3 Soi Bangla, Patong',
    first_name: 'Malee',
    last_name: 'Sukjai',
    phone: '0812345678',
    description: 'Malee next door is ill from the smell of the bins',
    'attribute[subdistrict]': '830202',
  };

  it('lists the case categories as services', async () => {
    const response = await get('/open311/v2/services.json');
    expect(response.status).toBe(200);
    const services = (await response.json()) as Array<Record<string, unknown>>;
    expect(services.map((s) => s.service_code)).toEqual(expect.arrayContaining(['WASTE', 'ROAD', 'WATER']));
    const waste = services.find((s) => s.service_code === 'WASTE')!;
    expect(waste).toMatchObject({ metadata: false, type: 'realtime', group: 'local organization' });
    expect(waste.service_name).toMatch(/\w/);
    expect(services.find((s) => s.service_code === 'WATER')).toMatchObject({ group: 'network centre' });
  });

  it('takes a service request from a form, routes it by its tambon, and shows the public its coarse place only', async () => {
    const response = await form(REPORT);
    expect(response.status).toBe(201);
    const [created] = (await response.json()) as Array<{ service_request_id: string; reporter_secret: string }>;
    expect(created!.service_request_id).toMatch(/^PCC-\d{4}-\d{6}$/);
    expect(created!.reporter_secret.length).toBeGreaterThan(16);

    const one = await get(`/open311/v2/requests/${created!.service_request_id}.json`);
    expect(one.status).toBe(200);
    const [request] = (await one.json()) as Array<Record<string, unknown>>;
    expect(request).toMatchObject({
      service_request_id: created!.service_request_id,
      status: 'open',
      service_code: 'WASTE',
      agency_responsible: 'Patong',
      address: null,
      address_id: '830202',
      lat: 7.896,
      long: 98.297,
    });
    // The public sees the service's name as the description, never the reporter's words.
    expect(JSON.stringify(request)).not.toContain('Malee');

    const staff = (await (
      await get(`/open311/v2/requests/${created!.service_request_id}.json`, admin)
    ).json()) as Array<Record<string, unknown>>;
    expect(staff[0]).toMatchObject({ address: REPORT.address_string, lat: 7.896123, description: REPORT.description });

    const listed = (await (await get('/open311/v2/requests.json?service_code=WASTE&status=open')).json()) as Array<
      Record<string, unknown>
    >;
    expect(listed.map((r) => r.service_request_id)).toContain(created!.service_request_id);
    const byIds = (await (
      await get(`/open311/v2/requests.json?service_request_id=${created!.service_request_id}`)
    ).json()) as unknown[];
    expect(byIds).toHaveLength(1);
  });

  it('lists the last 90 days of requests by default, and the window start_date and end_date give', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [created] = (await (await form(REPORT)).json()) as Array<{ service_request_id: string }>;
      codes.push(created!.service_request_id);
    }
    const [recent, old] = codes as [string, string];
    // A request from four months ago, as a long-running platform holds them.
    const [[backdated]] = await platform.casesDb!.dataSource.query<[[{ opened_at: Date }], number]>(
      `UPDATE "case" SET opened_at = now() - interval '120 days' WHERE tracking_code = $1 RETURNING opened_at`,
      [old],
    );
    const ids = async (query: string) => {
      const response = await get(`/open311/v2/requests.json${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as Array<{ service_request_id: string }>).map((r) => r.service_request_id);
    };
    const byDefault = await ids('');
    expect(byDefault).toContain(recent);
    expect(byDefault).not.toContain(old);

    const day = 24 * 60 * 60 * 1000;
    const at = backdated.opened_at.getTime();
    const around = (from: number, to: number) =>
      `?start_date=${new Date(from).toISOString()}&end_date=${new Date(to).toISOString()}`;
    const then = await ids(around(at - day, at + day));
    expect(then).toContain(old);
    expect(then).not.toContain(recent);
    // end_date is the latest instant included: a request opened exactly then is listed.
    expect(await ids(around(at - day, at))).toContain(old);
    expect(await ids(`?end_date=${new Date(at + day).toISOString()}`)).toContain(old);

    for (const query of [around(at - 100 * day, at), '?start_date=2026-01-01', around(at + day, at - day)]) {
      const refused = await get(`/open311/v2/requests.json${query}`);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as Array<{ code: number }>)[0]!.code).toBe(400);
    }
  });

  it.each([
    ['without a way to reach the reporter', { ...REPORT, phone: '' }],
    ['without coordinates', { ...REPORT, lat: '' }],
    ['for an unknown service', { ...REPORT, service_code: 'PARKING' }],
    ['outside Phuket', { ...REPORT, lat: '13.75', long: '100.5' }],
    ['with an unknown tambon', { ...REPORT, 'attribute[subdistrict]': '830999' }],
  ])('refuses a request %s with a GeoReport error and creates nothing', async (_what, fields) => {
    const before = await caseCount();
    const response = await form(fields);
    expect(response.status).toBe(400);
    const errors = (await response.json()) as Array<{ code: number; description: string }>;
    expect(errors[0]!.code).toBe(400);
    expect(errors[0]!.description.length).toBeGreaterThan(0);
    expect(await caseCount()).toBe(before);
  });

  it.each([
    ['a JSON array', 'application/json', '[1, 2]', 400],
    [
      'an operator object for a number',
      'application/json',
      '{"service_code":"WASTE","lat":{"$gt":1},"long":98.3}',
      400,
    ],
    ['a field given twice', 'application/x-www-form-urlencoded', 'service_code=WASTE&service_code=ROAD&lat=7.9', 400],
    ['plain text', 'text/plain', 'service_code=WASTE', 400],
    ['broken JSON', 'application/json', '{"service_code":', 400],
  ])('answers a POST of %s with a 4xx and creates nothing', async (_what, type, body, status) => {
    const before = await caseCount();
    const response = await fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(response.status).toBe(status);
    expect(await caseCount()).toBe(before);
  });

  it('answers unknown requests and bad filters with GeoReport errors', async () => {
    const missing = await get('/open311/v2/requests/PCC-2400-999999.json');
    expect(missing.status).toBe(404);
    const [notFound] = (await missing.json()) as Array<{ code: number; description: string }>;
    expect(notFound!.code).toBe(404);
    expect(notFound!.description).toContain('PCC-2400-999999');
    expect((await get('/open311/v2/requests.json?status=pending')).status).toBe(400);
    expect((await get('/open311/v2/requests.json', 'not-a-token')).status).toBe(401);
  });

  it('maps public cases coarsely and leaves sensitive ones off the map', async () => {
    const sensitive = await platform.graphql(
      `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode } }`,
      {
        input: {
          kind: 'GRIEVANCE',
          category: 'LAND_DISPUTE',
          channel: 'WEB',
          title: 'Neighbour moved the boundary posts',
          description: 'Plot 45',
          location: { lat: 7.8961, lng: 98.2969 },
          reporter: { name: 'Somchai', phone: '0812345678' },
        },
      },
    );
    const hidden = (sensitive.body.data!.openCase as { trackingCode: string }).trackingCode;
    const response = await get('/feeds/cases.geojson');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/geo+json');
    const feed = (await response.json()) as {
      type: string;
      features: Array<{ geometry: { coordinates: [number, number] }; properties: Record<string, unknown> }>;
    };
    expect(feed.type).toBe('FeatureCollection');
    expect(feed.features.length).toBeGreaterThan(0);
    for (const f of feed.features) {
      for (const degrees of f.geometry.coordinates) expect(Math.round(degrees * 1000) / 1000).toBe(degrees);
      expect(f.properties.trackingCode).not.toBe(hidden);
    }
    expect((await get('/feeds/cases.geojson?limit=0')).status).toBe(400);
  });

  it('exports cases as CSV to analysts and staff, streamed, without personal data, up to a limit', async () => {
    expect((await get('/exports/cases.csv')).status).toBe(401);
    const response = await get('/exports/cases.csv?category=WASTE', analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    const rows = parse<Record<string, string>>(text, { columns: true, bom: true });
    expect(rows.length).toBe(Number(response.headers.get('x-total-count')));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ category: 'WASTE', 'location.subdistrict.code': '830202' });
    expect(text).not.toContain('Malee');
    expect(text).not.toContain('0812345678');

    await form(REPORT);
    const limited = await get('/exports/cases.csv?limit=1', admin);
    expect(limited.headers.get('x-export-truncated')).toBe('true');
    expect(parse(await limited.text(), { columns: true, bom: true })).toHaveLength(1);
    expect((await get('/exports/cases.csv?limit=100000000', admin)).status).toBe(400);
    expect((await get('/exports/cases.csv?status=LOST', admin)).status).toBe(400);
  });

  it('exports projects and waste reports with their columns, and refuses what is not an export', async () => {
    for (const name of ['projects', 'waste-reports']) {
      const response = await get(`/exports/${name}.csv`, analyst);
      expect(response.status).toBe(200);
      const [header] = parse(await response.text(), { bom: true, to_line: 1 });
      expect(header!.length).toBeGreaterThan(5);
    }
    expect((await get('/exports/projects.csv?fiscalYear=abc', analyst)).status).toBe(400);
    expect((await get('/exports/people.csv', analyst)).status).toBe(404);
  });
});
