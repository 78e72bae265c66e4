import { In, type EntityManager } from 'typeorm';
import {
  badInput,
  decodeCursor,
  nestedPageLoader,
  nestedPages,
  notFound,
  PARENT,
  pageSize,
  parseInput,
  toConnection,
  type Connection,
  type PageArgs,
  eventActor,
  type RequestScope,
} from '@pcc/subgraph-kit';
import { changedFields } from '../domain/changes';
import { maySeeMemberContact } from '../domain/privacy';
import { addMemberInput, id as idSchema, updateMemberInput } from '../domain/inputs';
import type { MemberCategory } from '../domain/vocabulary';
import { memberSnapshot, outbox } from '../events/snapshots';
import { MemberEntity, OrganizationEntity } from '../store/entities';

export interface MemberFilter {
  organizationId?: string | null;
  category?: MemberCategory | null;
}

/**
 * The network's working group. NETWORK_ADMIN manages every member; an LGO officer manages the
 * members of their own organization. Talks to: this service's database (member, outbox).
 */
export class MemberManager {
  constructor(private readonly scope: RequestScope) {}

  /** Whether the caller sees this member's phone and email. */
  maySeeContact(member: MemberEntity): Promise<boolean> {
    return maySeeMemberContact(this.scope.viewer, member.organizationId);
  }

  async list(filter: MemberFilter | null | undefined, page: PageArgs): Promise<Connection<MemberEntity>> {
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 2);
    const query = this.scope.dataSource.getRepository(MemberEntity).createQueryBuilder('m');
    if (filter?.organizationId)
      query.andWhere('m.organization_id = :org', {
        org: parseInput(idSchema, filter.organizationId, 'filter.organizationId'),
      });
    if (filter?.category) query.andWhere('m.category = :category', { category: filter.category });
    const totalCount = await query.getCount();
    if (after) query.andWhere('(m.full_name, m.id) > (:name, :id)', { name: String(after[0]), id: String(after[1]) });
    const rows = await query
      .orderBy('m.full_name', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (m) => [m.fullName, m.id]);
  }

  /** `Organization.members` under a list of organizations: one page each, for all of them at once. */
  readonly ofOrganization = nestedPageLoader<PageArgs, MemberEntity>((organizationIds, page) => {
    const after = decodeCursor(page.after, 2);
    return nestedPages(
      organizationIds,
      [
        this.scope.dataSource
          .getRepository(MemberEntity)
          .createQueryBuilder('m')
          .where(`m.organization_id = ${PARENT}`),
      ],
      {
        dataSource: this.scope.dataSource,
        alias: 'm',
        column: 'full_name',
        direction: 'ASC',
        first: pageSize(page.first),
        after: after ? { at: String(after[0]), id: String(after[1]) } : null,
        load: (ids) => this.scope.dataSource.getRepository(MemberEntity).findBy({ id: In(ids) }),
        keyOf: (m) => m.fullName,
      },
    );
  });

  async add(rawInput: unknown): Promise<MemberEntity> {
    const input = parseInput(addMemberInput, rawInput);
    return this.scope.dataSource.transaction(async (tx) => {
      if (input.organizationId) {
        const organization = await tx.getRepository(OrganizationEntity).findOneBy({ id: input.organizationId });
        if (!organization)
          throw badInput(`Organization ${input.organizationId} does not exist`, {
            'input.organizationId': 'unknown organization',
          });
        await this.scope.viewer.assert('member:manage', organization.id);
      } else {
        // Members outside any organization (citizen representatives, other stakeholders) are the PAO's to add.
        await this.scope.viewer.assert('member:manageUnaffiliated');
      }
      const member = tx.getRepository(MemberEntity).create({
        organizationId: input.organizationId ?? null,
        fullName: input.fullName,
        title: input.title ?? null,
        groupRole: input.groupRole,
        category: input.category,
        termStart: input.termStart ?? null,
        termEnd: input.termEnd ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
      });
      const saved = await tx.getRepository(MemberEntity).save(member);
      await this.emit(tx, 'pcc.member.added', saved, {});
      return saved;
    });
  }

  async update(rawId: unknown, rawInput: unknown): Promise<MemberEntity> {
    const id = parseInput(idSchema, rawId, 'id');
    const input = parseInput(updateMemberInput, rawInput);
    return this.scope.dataSource.transaction(async (tx) => {
      const member = await this.lockAndAuthorize(tx, id);
      const changed = changedFields(member as unknown as Record<string, unknown>, input);
      if (changed.length === 0) return member;
      for (const field of changed)
        Object.assign(member, { [field]: (input as Record<string, unknown>)[field] ?? null });
      if (member.termStart && member.termEnd && member.termEnd < member.termStart)
        throw badInput('A term must not end before it starts', { 'input.termEnd': 'before termStart' });
      const saved = await tx.getRepository(MemberEntity).save(member);
      // Contact changes are personal data: they change the member but are not published.
      const published = changed.filter((field) => field !== 'phone' && field !== 'email');
      if (published.length) await this.emit(tx, 'pcc.member.updated', saved, { changed: published });
      return saved;
    });
  }

  async remove(rawId: unknown): Promise<string> {
    const id = parseInput(idSchema, rawId, 'id');
    return this.scope.dataSource.transaction(async (tx) => {
      const member = await this.lockAndAuthorize(tx, id);
      await tx.getRepository(MemberEntity).delete({ id });
      await outbox.append(tx, {
        type: 'pcc.member.removed',
        subject: id,
        data: { memberId: id, organizationId: member.organizationId, actor: eventActor(this.scope.identity) },
        traceparent: this.scope.traceparent,
      });
      return id;
    });
  }

  private async lockAndAuthorize(tx: EntityManager, id: string): Promise<MemberEntity> {
    const member = await tx
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .getOne();
    if (!member) throw notFound('Member', id);
    if (member.organizationId) {
      const organization = await tx.getRepository(OrganizationEntity).findOneByOrFail({ id: member.organizationId });
      await this.scope.viewer.assert('member:manage', organization.id);
    } else {
      await this.scope.viewer.assert('member:manageUnaffiliated');
    }
    return member;
  }

  private async emit(
    tx: EntityManager,
    type: string,
    member: MemberEntity,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await outbox.append(tx, {
      type,
      subject: member.id,
      data: { member: memberSnapshot(member), actor: eventActor(this.scope.identity), ...extra },
      traceparent: this.scope.traceparent,
    });
  }
}
