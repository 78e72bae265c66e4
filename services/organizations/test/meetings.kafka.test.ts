import { ensureTopics, OutboxRelay, TOPICS } from '@pcc/events';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import {
  createTestDatabase,
  errorCodes,
  EventTap,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  testKafka,
  waitFor,
  type GraphQLClient,
  type GraphQLResponse,
  type TestDatabase,
} from '@pcc/testing';
import { createServer, entities, migrations, reportOverdueActions, seed } from '../src/server';
import { service } from '../src/service';

const SECRET = 'organizations-meetings-test-secret-0123456789';
const ADMIN: Identity = IdentityFactory.admin();
const PATONG: Identity = IdentityFactory.officer('PATONG', 'patong-officer');
const KATHU: Identity = IdentityFactory.officer('KATHU', 'kathu-officer');
const ANALYST: Identity = IdentityFactory.analyst();
const PUBLIC: Identity = IdentityFactory.public();

type Result = GraphQLResponse<Record<string, unknown>>;

const RECORD = `mutation ($input: RecordMeetingInput!) { recordMeeting(input: $input) {
  id kind heldOn place agenda organizations { code } members { id fullName } materials { title url }
  resolutions { number text actions { id organization { code } dueOn status overdue } } } }`;

/** Meetings, resolutions and their follow-up actions on a real PostgreSQL, their events through a real Kafka. */
describe('meetings and follow-up actions (real PostgreSQL and Kafka)', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  let tap: EventTap;
  let relay: OutboxRelay;
  const tokens = new InternalTokens(SECRET);
  const ids: Record<string, string> = {};
  let memberId = '';

  const request = (document: string, variables: Record<string, unknown>, as: Identity): Promise<Result> =>
    client.execute({ document, variables, as });
  const ok = (r: Result) => expectNoGraphQLErrors(r);
  const code = (r: Result) => errorCodes(r)[0];
  const snapshot = async () =>
    JSON.stringify(
      await db.dataSource.query(
        `SELECT (SELECT count(*) FROM meeting) m, (SELECT count(*) FROM resolution) r,
                (SELECT json_agg(a ORDER BY id) FROM follow_up_action a) a, (SELECT count(*) FROM agreement) g`,
      ),
    );
  const meetingInput = (overrides: Record<string, unknown> = {}) => ({
    title: 'สัมมนาเชิงปฏิบัติการ การจ่ายขาดเงินสะสม',
    kind: 'WORKSHOP',
    heldOn: '2016-12-28',
    place: 'โรงแรมเพิร์ล ภูเก็ต อ.เมือง จ.ภูเก็ต',
    agenda: ['การจ่ายขาดเงินสะสม', 'โครงการบูรณาการร่วมกับ อบจ.ภูเก็ต ปีที่ผ่านมา', 'การประสานแผน ปี 2561'],
    organizationIds: [ids['PKT-PAO'], ids.PATONG, ids.KATHU],
    memberIds: [memberId],
    materials: [{ title: 'Slides', url: 'https://www.phuketpao.go.th/workshop-2559.pdf' }],
    resolutions: [
      {
        text: 'Each organization lists its approved projects not yet under contract',
        actions: [
          { organizationId: ids.PATONG, description: 'List approved projects without a contract', dueOn: '2017-01-31' },
          { organizationId: ids.KATHU, description: 'List approved projects without a contract', dueOn: '2099-01-31' },
        ],
      },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'orgmeet', migrations, entities });
    await seed(db.dataSource);
    for (const row of await db.dataSource.query<Array<{ id: string; code: string }>>(
      'SELECT id, code FROM organization',
    ))
      ids[row.code] = row.id;
    [{ id: memberId }] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO member (full_name, group_role, category, organization_id) VALUES ('สมชาย ใจดี', 'Secretary', 'LGO_EXECUTIVE', $1) RETURNING id`,
      [ids.PATONG],
    );
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
    const admin = testKafka('orgmeet-admin').admin();
    await admin.connect();
    // Every topic of the service: the seed's registry events are published first, in order.
    await ensureTopics(admin, [...service.publishes], { partitions: 6, replicationFactor: 1 });
    await admin.disconnect();
    tap = await EventTap.open([TOPICS.meeting]);
    relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('orgmeet-relay'), pollIntervalMs: 100 });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await tap.close();
    await server.app.close();
    await db.drop();
  });

  it('seeds the demo workshop and the signing of the waste MOU, once', async () => {
    const [seeded] = await db.dataSource.query<[{ meetings: number; actions: number; done: number; linked: number }]>(
      `SELECT (SELECT count(*)::int FROM meeting) meetings, (SELECT count(*)::int FROM follow_up_action) actions,
              (SELECT count(*)::int FROM follow_up_action WHERE status = 'DONE') done,
              (SELECT count(*)::int FROM agreement a JOIN meeting m ON m.id = a.meeting_id AND m.kind = 'SIGNING') linked`,
    );
    expect(seeded).toEqual({ meetings: 2, actions: 36, done: 15, linked: 1 });
    expect(await seed(db.dataSource)).toEqual({ organizations: 0, agreements: 0, meetings: 0 });
    // The rest of this file starts from no meetings.
    await db.dataSource.query('DELETE FROM meeting');
  });

  it('records a workshop with attendance, materials, resolutions and actions; events carry ids, never text or names', async () => {
    const meeting = ok(await request(RECORD, { input: meetingInput() }, ADMIN)).recordMeeting as {
      id: string;
      organizations: Array<{ code: string }>;
      members: unknown;
      resolutions: Array<{ number: number; actions: Array<{ organization: { code: string }; overdue: boolean }> }>;
    };
    expect(meeting.organizations.map((o) => o.code)).toEqual(['KATHU', 'PATONG', 'PKT-PAO']);
    expect(meeting.members).toEqual([{ id: memberId, fullName: 'สมชาย ใจดี' }]);
    expect(meeting.resolutions).toHaveLength(1);
    expect(meeting.resolutions[0]!.actions.map((a) => [a.organization.code, a.overdue])).toEqual([
      ['PATONG', true],
      ['KATHU', false],
    ]);

    const events = await waitFor(
      async () => tap.messages.filter((m) => m.key === meeting.id),
      (found) => found.length >= 2,
      20_000,
    );
    expect(events.map((e) => e.headers.ce_type)).toEqual(['pcc.meeting.recorded', 'pcc.meeting.resolution-adopted']);
    const text = JSON.stringify(events.map((e) => e.value));
    for (const secret of ['สมชาย', 'เพิร์ล', 'จ่ายขาด', 'List approved', 'Slides', 'phuketpao'])
      expect(text).not.toContain(secret);
    expect(events[0]!.value).toMatchObject({
      meeting: {
        kind: 'WORKSHOP',
        heldOn: '2016-12-28',
        memberIds: [memberId],
        agendaItemCount: 3,
        resolutionCount: 1,
      },
    });
    expect((events[1]!.value as { actions: unknown[] }).actions).toHaveLength(2);
  });

  it('signs an agreement at a meeting, with its term and obligations', async () => {
    const signing = ok(
      await request(RECORD, { input: meetingInput({ kind: 'SIGNING', resolutions: [], heldOn: '2017-02-01' }) }, ADMIN),
    ).recordMeeting as { id: string };
    const SIGN = `mutation ($input: SignAgreementInput!) { signAgreement(input: $input) {
      subject validFrom validUntil obligations meeting { id kind } } }`;
    const input = {
      title: 'MOU joint road maintenance',
      subject: 'JOINT_PROJECT',
      signedOn: '2017-02-01',
      signatoryIds: [ids['PKT-PAO'], ids.PATONG],
      validFrom: '2017-02-01',
      validUntil: '2019-09-30',
      obligations: ['PAO funds 60 %', 'Patong maintains the road'],
      meetingId: signing.id,
    };
    expect(ok(await request(SIGN, { input }, ADMIN)).signAgreement).toEqual({
      subject: 'JOINT_PROJECT',
      validFrom: '2017-02-01',
      validUntil: '2019-09-30',
      obligations: ['PAO funds 60 %', 'Patong maintains the road'],
      meeting: { id: signing.id, kind: 'SIGNING' },
    });
    const before = await snapshot();
    expect(code(await request(SIGN, { input: { ...input, validUntil: '2016-01-01' } }, ADMIN))).toBe('BAD_USER_INPUT');
    expect(
      code(await request(SIGN, { input: { ...input, meetingId: '00000000-0000-4000-8000-000000000000' } }, ADMIN)),
    ).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toBe(before);
    // Whoever does not read meetings gets the agreement without its meeting.
    const seen = ok(
      await request(
        '{ agreements(filter: { subject: JOINT_PROJECT }) { edges { node { meeting { id } } } } }',
        {},
        PUBLIC,
      ),
    ).agreements as { edges: Array<{ node: { meeting: unknown } }> };
    expect(seen.edges.map((e) => e.node.meeting)).toEqual([null]);
  });

  it('refuses bad input and strangers with typed errors and changes nothing', async () => {
    const before = await snapshot();
    const bad = [
      meetingInput({ heldOn: '2016-13-40' }),
      meetingInput({ materials: [{ title: 'x', url: 'javascript:alert(1)' }] }),
      meetingInput({ organizationIds: ['00000000-0000-4000-8000-000000000000'] }),
      meetingInput({ memberIds: ['00000000-0000-4000-8000-000000000000'] }),
      meetingInput({ title: '\u0000' }),
      meetingInput({
        resolutions: [{ text: 'r', actions: [{ organizationId: ids.PATONG, description: 'd', dueOn: '2016-01-01' }] }],
      }),
    ];
    for (const input of bad) expect(code(await request(RECORD, { input }, ADMIN))).toBe('BAD_USER_INPUT');
    for (const who of [PATONG, ANALYST, PUBLIC])
      expect(code(await request(RECORD, { input: meetingInput() }, who))).toBe('FORBIDDEN');
    for (const who of [ANALYST, PUBLIC]) {
      expect(code(await request('{ meetings { totalCount } }', {}, who))).toBe('FORBIDDEN');
      expect(code(await request('{ followUpActions { totalCount } }', {}, who))).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toBe(before);
  });

  it("shows officers their own organization's actions and lets them move those only", async () => {
    const LIST = `query ($filter: FollowUpActionFilter) { followUpActions(filter: $filter) { totalCount edges { node { id organization { code } status overdue } } } }`;
    const mine = ok(await request(LIST, {}, PATONG)).followUpActions as {
      totalCount: number;
      edges: Array<{ node: { id: string; organization: { code: string } } }>;
    };
    expect(mine.edges.map((e) => e.node.organization.code)).toEqual(['PATONG']);
    expect(code(await request(LIST, { filter: { organizationId: ids.KATHU } }, PATONG))).toBe('FORBIDDEN');
    const all = ok(await request(LIST, { filter: { overdue: true } }, ADMIN)).followUpActions as {
      edges: Array<{ node: { organization: { code: string } } }>;
    };
    expect(all.edges.map((e) => e.node.organization.code)).toEqual(['PATONG']);

    const patongAction = mine.edges[0]!.node.id;
    const kathuAction = (
      ok(await request(LIST, {}, KATHU)).followUpActions as { edges: Array<{ node: { id: string } }> }
    ).edges[0]!.node.id;
    const MOVE = `mutation ($id: ID!, $status: FollowUpActionStatus!) { updateFollowUpActionStatus(id: $id, status: $status) { status overdue } }`;
    expect(code(await request(MOVE, { id: kathuAction, status: 'DONE' }, PATONG))).toBe('FORBIDDEN');
    expect(code(await request(MOVE, { id: patongAction, status: 'CANCELLED' }, PATONG))).toBe('FORBIDDEN');
    expect(
      ok(await request(MOVE, { id: patongAction, status: 'IN_PROGRESS' }, PATONG)).updateFollowUpActionStatus,
    ).toEqual({
      status: 'IN_PROGRESS',
      overdue: true,
    });
    expect(ok(await request(MOVE, { id: patongAction, status: 'DONE' }, PATONG)).updateFollowUpActionStatus).toEqual({
      status: 'DONE',
      overdue: false,
    });
    expect(code(await request(MOVE, { id: patongAction, status: 'OPEN' }, PATONG))).toBe('INVALID_TRANSITION');
    expect(code(await request(MOVE, { id: 'nope', status: 'OPEN' }, PATONG))).toBe('BAD_USER_INPUT');
    const moved = await waitFor(
      async () =>
        tap.messages.filter(
          (m) =>
            m.headers.ce_type === 'pcc.meeting.action-status-changed' &&
            (m.value as { action: { id: string } }).action.id === patongAction,
        ),
      (found) => found.length >= 2,
      20_000,
    );
    expect(moved.map((m) => (m.value as { to: string }).to)).toEqual(['IN_PROGRESS', 'DONE']);
  });

  it('adds a resolution to a recorded meeting, numbered after the last', async () => {
    const meetings = ok(await request('{ meetings(filter: { kind: WORKSHOP }) { edges { node { id } } } }', {}, ADMIN))
      .meetings as { edges: Array<{ node: { id: string } }> };
    const meetingId = meetings.edges[0]!.node.id;
    const ADD = `mutation ($id: ID!, $input: ResolutionInput!) { addResolution(meetingId: $id, input: $input) { number actions { dueOn } } }`;
    const input = {
      text: 'Coordinate FY2561 plans with the PAO',
      actions: [{ organizationId: ids.KATHU, description: 'Send the FY2561 plan', dueOn: '2017-03-01' }],
    };
    expect(ok(await request(ADD, { id: meetingId, input }, ADMIN)).addResolution).toEqual({
      number: 2,
      actions: [{ dueOn: '2017-03-01' }],
    });
    expect(
      code(
        await request(
          ADD,
          { id: meetingId, input: { ...input, actions: [{ ...input.actions[0], dueOn: '2016-01-01' }] } },
          ADMIN,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(await request(ADD, { id: '00000000-0000-4000-8000-000000000000', input }, ADMIN))).toBe('NOT_FOUND');
  });

  it('reports each overdue action once, however many watches run at the same time', async () => {
    const today = '2018-01-01';
    const due = await db.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM follow_up_action WHERE status IN ('OPEN','IN_PROGRESS') AND due_on < $1 ORDER BY id`,
      [today],
    );
    expect(due.length).toBeGreaterThan(0);
    const counts = await Promise.all([1, 2, 3, 4].map(() => reportOverdueActions(db.dataSource, today)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(due.length);
    expect(await reportOverdueActions(db.dataSource, today)).toBe(0);
    const overdue = await waitFor(
      async () => tap.messages.filter((m) => m.headers.ce_type === 'pcc.meeting.action-overdue'),
      (found) => found.length >= due.length,
      20_000,
    );
    expect(overdue.map((m) => (m.value as { action: { id: string } }).action.id).sort()).toEqual(due.map((d) => d.id));
    expect(overdue[0]!.value).toMatchObject({ asOf: today, actor: { sub: 'organizations' } });
  });
});
