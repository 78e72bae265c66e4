import { In, type EntityManager } from 'typeorm';
import {
  badInput,
  decodeCursor,
  forbidden,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  type Connection,
  type PageArgs,
  eventActor,
  type RequestScope,
} from '@pcc/subgraph-kit';
import {
  date as dateSchema,
  id as idSchema,
  recordMeetingInput,
  resolutionInput,
  type ResolutionInput,
} from '../domain/inputs';
import type { MeetingKind } from '../domain/vocabulary';
import { actionSnapshot, meetingSnapshot, outbox } from '../events/snapshots';
import {
  FollowUpActionEntity,
  MeetingEntity,
  MemberEntity,
  OrganizationEntity,
  ResolutionEntity,
} from '../store/entities';

export interface MeetingFilter {
  kind?: MeetingKind | null;
  from?: string | null;
  until?: string | null;
  organizationId?: string | null;
}

/**
 * Meetings read by staff only: agendas, resolutions and actions are free text the centre writes about
 * the organizations' work, which may name people; analysts read the events (ids and counts).
 */
export function assertMayReadMeetings(scope: RequestScope): void {
  if (!scope.viewer.isStaff) throw forbidden('Only network admins and officers read meetings');
}

/**
 * The network's meetings, workshops and signings: who attended, agenda, materials, and the
 * resolutions with the follow-up actions they assign. Only NETWORK_ADMIN records them; each record
 * and each resolution is one transaction with its events.
 * Talks to: this service's database (meeting, meeting_organization, meeting_member, resolution,
 * follow_up_action, outbox).
 */
export class MeetingManager {
  constructor(private readonly scope: RequestScope) {}

  /** Whether the caller reads meetings (the link from an agreement is null for the others). */
  mayRead(): boolean {
    return this.scope.viewer.isStaff;
  }

  async list(filter: MeetingFilter | null | undefined, page: PageArgs): Promise<Connection<MeetingEntity>> {
    assertMayReadMeetings(this.scope);
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 2);
    const query = this.scope.dataSource.getRepository(MeetingEntity).createQueryBuilder('m');
    if (filter?.kind) query.andWhere('m.kind = :kind', { kind: filter.kind });
    const date = (value: string | null | undefined, field: string) =>
      value ? parseInput(dateSchema, value, `filter.${field}`) : null;
    const from = date(filter?.from, 'from');
    const until = date(filter?.until, 'until');
    if (from) query.andWhere('m.held_on >= :from', { from });
    if (until) query.andWhere('m.held_on <= :until', { until });
    if (filter?.organizationId)
      query.andWhere(
        'EXISTS (SELECT 1 FROM meeting_organization o WHERE o.meeting_id = m.id AND o.organization_id = :org)',
        { org: parseInput(idSchema, filter.organizationId, 'filter.organizationId') },
      );
    const totalCount = await query.getCount();
    if (after) query.andWhere('(m.held_on, m.id) < (:heldOn, :id)', { heldOn: String(after[0]), id: String(after[1]) });
    const rows = await query
      .orderBy('m.held_on', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (m) => [m.heldOn, m.id]);
  }

  async byId(rawId: unknown): Promise<MeetingEntity | null> {
    assertMayReadMeetings(this.scope);
    const id = parseInput(idSchema, rawId, 'id');
    return this.scope.dataSource.getRepository(MeetingEntity).findOneBy({ id });
  }

  async record(rawInput: unknown): Promise<MeetingEntity> {
    await this.scope.viewer.assert('meeting:manage');
    const input = parseInput(recordMeetingInput, rawInput);
    const organizationIds = [...new Set(input.organizationIds ?? [])].sort();
    const memberIds = [...new Set(input.memberIds ?? [])].sort();
    const resolutions = input.resolutions ?? [];
    return this.scope.dataSource.transaction(async (tx) => {
      await this.assertOrganizations(tx, organizationIds, 'input.organizationIds');
      const members = await tx.getRepository(MemberEntity).findBy({ id: In(memberIds) });
      const unknownMembers = memberIds.filter((id) => !members.some((m) => m.id === id));
      if (unknownMembers.length)
        throw badInput(`Unknown working-group members: ${unknownMembers.join(', ')}`, {
          'input.memberIds': 'unknown member',
        });
      const meeting = await tx.getRepository(MeetingEntity).save(
        tx.getRepository(MeetingEntity).create({
          title: input.title,
          kind: input.kind,
          heldOn: input.heldOn,
          place: input.place,
          agenda: input.agenda ?? [],
          materials: (input.materials ?? []).map((m) => ({ title: m.title, url: m.url })),
        }),
      );
      await tx.query('INSERT INTO meeting_organization (meeting_id, organization_id) SELECT $1, unnest($2::uuid[])', [
        meeting.id,
        organizationIds,
      ]);
      await tx.query('INSERT INTO meeting_member (meeting_id, member_id) SELECT $1, unnest($2::uuid[])', [
        meeting.id,
        memberIds,
      ]);
      const attendance = { organizationIds, memberIds, resolutionCount: resolutions.length };
      await outbox.append(tx, {
        type: 'pcc.meeting.recorded',
        subject: meeting.id,
        data: { meeting: meetingSnapshot(meeting, attendance), actor: eventActor(this.scope.identity) },
        traceparent: this.scope.traceparent,
      });
      for (const [index, resolution] of resolutions.entries())
        await this.adopt(tx, meeting, index + 1, resolution, attendance, `input.resolutions.${index}`);
      return meeting;
    });
  }

  /** A resolution adopted after the meeting was recorded (numbered after the last one). */
  async addResolution(rawMeetingId: unknown, rawInput: unknown): Promise<ResolutionEntity> {
    await this.scope.viewer.assert('meeting:manage');
    const meetingId = parseInput(idSchema, rawMeetingId, 'meetingId');
    const input = parseInput(resolutionInput, rawInput);
    return this.scope.dataSource.transaction(async (tx) => {
      const meeting = await tx
        .getRepository(MeetingEntity)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.id = :id', { id: meetingId })
        .getOne();
      if (!meeting) throw notFound('Meeting', meetingId);
      const late = (input.actions ?? []).findIndex((a) => a.dueOn < meeting.heldOn);
      if (late >= 0)
        throw badInput(`A follow-up action cannot be due before the meeting (${meeting.heldOn})`, {
          [`input.actions.${late}.dueOn`]: 'must not be before the meeting',
        });
      const [attendance] = await tx.query<
        [{ organization_ids: string[]; member_ids: string[]; resolution_count: number }]
      >(
        `SELECT ARRAY(SELECT organization_id FROM meeting_organization WHERE meeting_id = $1 ORDER BY 1)::text[] AS organization_ids,
                ARRAY(SELECT member_id FROM meeting_member WHERE meeting_id = $1 ORDER BY 1)::text[] AS member_ids,
                (SELECT count(*)::int FROM resolution WHERE meeting_id = $1) AS resolution_count`,
        [meeting.id],
      );
      if (attendance.resolution_count >= 100)
        throw badInput('A meeting has at most 100 resolutions', { meetingId: 'too many resolutions' });
      meeting.updatedAt = new Date();
      await tx.getRepository(MeetingEntity).save(meeting);
      return this.adopt(
        tx,
        meeting,
        attendance.resolution_count + 1,
        input,
        {
          organizationIds: attendance.organization_ids,
          memberIds: attendance.member_ids,
          resolutionCount: attendance.resolution_count + 1,
        },
        'input',
      );
    });
  }

  private async adopt(
    tx: EntityManager,
    meeting: MeetingEntity,
    number: number,
    input: ResolutionInput,
    attendance: { organizationIds: string[]; memberIds: string[]; resolutionCount: number },
    path: string,
  ): Promise<ResolutionEntity> {
    const actions = input.actions ?? [];
    await this.assertOrganizations(tx, [...new Set(actions.map((a) => a.organizationId))], `${path}.actions`);
    const resolution = await tx
      .getRepository(ResolutionEntity)
      .save(tx.getRepository(ResolutionEntity).create({ meetingId: meeting.id, number, text: input.text }));
    const saved = actions.length
      ? await tx.getRepository(FollowUpActionEntity).save(
          actions.map((a) =>
            tx.getRepository(FollowUpActionEntity).create({
              meetingId: meeting.id,
              resolutionId: resolution.id,
              organizationId: a.organizationId,
              description: a.description,
              dueOn: a.dueOn,
              status: 'OPEN',
              overdueReportedOn: null,
            }),
          ),
        )
      : [];
    await outbox.append(tx, {
      type: 'pcc.meeting.resolution-adopted',
      subject: meeting.id,
      data: {
        meeting: meetingSnapshot(meeting, attendance),
        resolution: { id: resolution.id, number },
        actions: saved.map(actionSnapshot),
        actor: eventActor(this.scope.identity),
      },
      traceparent: this.scope.traceparent,
    });
    return resolution;
  }

  private async assertOrganizations(tx: EntityManager, ids: string[], field: string): Promise<void> {
    if (!ids.length) return;
    const found = await tx.getRepository(OrganizationEntity).findBy({ id: In(ids) });
    const unknown = ids.filter((id) => !found.some((o) => o.id === id && o.active));
    if (unknown.length)
      throw badInput(`Unknown or inactive organizations: ${unknown.join(', ')}`, {
        [field]: 'unknown or inactive organization',
      });
  }
}
