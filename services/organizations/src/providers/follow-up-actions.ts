import type { DataSource, EntityManager } from 'typeorm';
import { bangkokDate } from '@pcc/fiscal-year';
import {
  decodeCursor,
  forbidden,
  invalidTransition,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  type Connection,
  type Identity,
  type PageArgs,
  eventActor,
  type RequestScope,
} from '@pcc/subgraph-kit';
import { followUpActionStatus, id as idSchema } from '../domain/inputs';
import type { FollowUpActionStatus } from '../domain/vocabulary';
import { actionSnapshot, outbox } from '../events/snapshots';
import { FollowUpActionEntity } from '../store/entities';
import { assertMayReadMeetings } from './meeting-manager';

export interface FollowUpActionFilter {
  organizationId?: string | null;
  status?: FollowUpActionStatus[] | null;
  overdue?: boolean | null;
}

/** Statuses of an action still to be done: these can be overdue. */
export const OPEN_STATUSES: readonly FollowUpActionStatus[] = ['OPEN', 'IN_PROGRESS'];

/**
 * Moves an action may make: OPEN ⇄ IN_PROGRESS → DONE; CANCELLED (by the network centre only, which
 * set the task) from either open status. DONE and CANCELLED are final.
 */
const MOVES: Readonly<Record<FollowUpActionStatus, readonly FollowUpActionStatus[]>> = {
  OPEN: ['IN_PROGRESS', 'DONE', 'CANCELLED'],
  IN_PROGRESS: ['OPEN', 'DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

/** Whether an action is overdue on `today` (a Bangkok date): still open and past its due date. */
export const isOverdue = (action: FollowUpActionEntity, today: string = bangkokDate()): boolean =>
  OPEN_STATUSES.includes(action.status) && action.dueOn < today;

/**
 * Follow-up actions of resolutions: network admins see and move every one; an officer sees and
 * moves those of their own organization only.
 * Talks to: this service's database (follow_up_action, outbox).
 */
export class FollowUpActions {
  constructor(private readonly scope: RequestScope) {}

  async list(
    filter: FollowUpActionFilter | null | undefined,
    page: PageArgs,
  ): Promise<Connection<FollowUpActionEntity>> {
    assertMayReadMeetings(this.scope);
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 2);
    const requested = filter?.organizationId
      ? parseInput(idSchema, filter.organizationId, 'filter.organizationId')
      : null;
    const organizationId = this.scope.viewer.is('NETWORK_ADMIN') ? requested : await this.ownOrganization(requested);
    const query = this.scope.dataSource.getRepository(FollowUpActionEntity).createQueryBuilder('a');
    if (organizationId) query.andWhere('a.organization_id = :org', { org: organizationId });
    if (filter?.status?.length) query.andWhere('a.status IN (:...status)', { status: filter.status });
    const today = bangkokDate();
    if (filter?.overdue === true) query.andWhere(`a.status IN ('OPEN','IN_PROGRESS') AND a.due_on < :today`, { today });
    if (filter?.overdue === false)
      query.andWhere(`NOT (a.status IN ('OPEN','IN_PROGRESS') AND a.due_on < :today)`, { today });
    const totalCount = await query.getCount();
    if (after) query.andWhere('(a.due_on, a.id) > (:dueOn, :id)', { dueOn: String(after[0]), id: String(after[1]) });
    const rows = await query
      .orderBy('a.due_on', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (a) => [a.dueOn, a.id]);
  }

  /** The actions of one resolution the caller may see (an officer: their organization's). */
  async ofResolution(resolutionId: string): Promise<FollowUpActionEntity[]> {
    const rows = await this.scope.dataSource
      .getRepository(FollowUpActionEntity)
      .find({ where: { resolutionId }, order: { dueOn: 'ASC', id: 'ASC' } });
    if (this.scope.viewer.is('NETWORK_ADMIN')) return rows;
    const own = await this.scope.viewer.organizationId();
    return rows.filter((a) => a.organizationId === own);
  }

  async updateStatus(rawId: unknown, rawStatus: unknown): Promise<FollowUpActionEntity> {
    const id = parseInput(idSchema, rawId, 'id');
    const status = parseInput(followUpActionStatus, rawStatus, 'status');
    return this.scope.dataSource.transaction(async (tx) => {
      const action = await tx
        .getRepository(FollowUpActionEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id })
        .getOne();
      if (!action) throw notFound('FollowUpAction', id);
      await this.scope.viewer.assert('followUpAction:update', action.organizationId);
      if (status === 'CANCELLED' && !this.scope.viewer.is('NETWORK_ADMIN'))
        throw forbidden('Only the network centre, which set the task, may cancel a follow-up action');
      const from = action.status;
      if (from === status) return action;
      if (!MOVES[from].includes(status))
        throw invalidTransition(`A follow-up action that is ${from} cannot become ${status}`, { status: from });
      action.status = status;
      const saved = await tx.getRepository(FollowUpActionEntity).save(action);
      await emitAction(tx, 'pcc.meeting.action-status-changed', saved, this.scope.identity, this.scope.traceparent, {
        from,
        to: status,
      });
      return saved;
    });
  }

  private async ownOrganization(requested: string | null): Promise<string> {
    const own = await this.scope.viewer.organizationId();
    if (!own || (requested && requested !== own))
      throw forbidden("Officers see their own organization's follow-up actions only");
    return own;
  }
}

async function emitAction(
  tx: EntityManager,
  type: string,
  action: FollowUpActionEntity,
  actor: Identity,
  traceparent: string | undefined,
  extra: Record<string, unknown>,
): Promise<void> {
  await outbox.append(tx, {
    type,
    // Keyed by the meeting: its resolutions and their actions stay in one order for consumers.
    subject: action.meetingId,
    data: { action: actionSnapshot(action), actor: eventActor(actor), ...extra },
    traceparent,
  });
}

/** Who the overdue watch's events name as their actor. */
const OVERDUE_WATCH: Identity = { sub: 'organizations', role: 'NETWORK_ADMIN', org: null };
const BATCH = 200;
const DAY_MS = 86_400_000;

/**
 * Finds the follow-up actions past their due date and still open, and emits `action-overdue` once
 * for each. Safe with several instances running it at once: each batch is claimed with
 * `FOR UPDATE SKIP LOCKED` and marked reported in the same transaction as its events, so an action
 * is reported by exactly one of them, once. Returns how many it reported.
 */
export async function reportOverdueActions(dataSource: DataSource, today: string = bangkokDate()): Promise<number> {
  let reported = 0;
  for (;;) {
    const count = await dataSource.transaction(async (tx) => {
      const claimed = await tx
        .getRepository(FollowUpActionEntity)
        .createQueryBuilder('a')
        .where(`a.status IN ('OPEN','IN_PROGRESS') AND a.overdue_reported_on IS NULL AND a.due_on < :today`, {
          today,
        })
        .orderBy('a.due_on')
        .addOrderBy('a.id')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (!claimed.length) return 0;
      await tx.getRepository(FollowUpActionEntity).update(
        claimed.map((a) => a.id),
        { overdueReportedOn: today },
      );
      for (const action of claimed) {
        const daysOverdue = Math.round((Date.parse(today) - Date.parse(action.dueOn)) / DAY_MS);
        await emitAction(tx, 'pcc.meeting.action-overdue', action, OVERDUE_WATCH, undefined, {
          asOf: today,
          daysOverdue,
        });
      }
      return claimed.length;
    });
    reported += count;
    if (count < BATCH) return reported;
  }
}
