import { In, type EntityManager } from 'typeorm';
import {
  badInput,
  conflict,
  decodeCursor,
  notFound,
  pageSize,
  parseInput,
  toConnection,
  type Connection,
  type PageArgs,
  eventActor,
  type RequestScope,
} from '@pcc/subgraph-kit';
import { id as idSchema, signAgreementInput } from '../domain/inputs';
import type { AgreementSubject } from '../domain/vocabulary';
import { agreementSnapshot, outbox } from '../events/snapshots';
import { AgreementEntity, MeetingEntity, OrganizationEntity } from '../store/entities';

export interface AgreementFilter {
  subject?: AgreementSubject | null;
  signatoryId?: string | null;
}

/**
 * Signed MOUs and their signatories, with their term, obligations and the meeting they were signed
 * at. Only NETWORK_ADMIN records agreements; their events carry the targets (e.g. 5 % less waste)
 * that waste-metrics turns into each signatory's target (obligations' text stays here: a count only).
 * Talks to: this service's database (agreement, agreement_signatory, outbox).
 */
export class AgreementManager {
  constructor(private readonly scope: RequestScope) {}

  async list(filter: AgreementFilter | null | undefined, page: PageArgs): Promise<Connection<AgreementEntity>> {
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 2);
    const query = this.scope.dataSource.getRepository(AgreementEntity).createQueryBuilder('a');
    if (filter?.subject) query.andWhere('a.subject = :subject', { subject: filter.subject });
    if (filter?.signatoryId) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM agreement_signatory s WHERE s.agreement_id = a.id AND s.organization_id = :org)',
        {
          org: parseInput(idSchema, filter.signatoryId, 'filter.signatoryId'),
        },
      );
    }
    const totalCount = await query.getCount();
    if (after)
      query.andWhere('(a.signed_on, a.id) < (:signedOn, :id)', { signedOn: String(after[0]), id: String(after[1]) });
    const rows = await query
      .orderBy('a.signed_on', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (a) => [a.signedOn, a.id]);
  }

  async byId(rawId: unknown): Promise<AgreementEntity | null> {
    const id = parseInput(idSchema, rawId, 'id');
    return this.scope.dataSource.getRepository(AgreementEntity).findOneBy({ id });
  }

  async sign(rawInput: unknown): Promise<AgreementEntity> {
    await this.scope.viewer.assert('agreement:manage');
    const input = parseInput(signAgreementInput, rawInput);
    const signatoryIds = [...new Set(input.signatoryIds)];
    return this.scope.dataSource.transaction(async (tx) => {
      const organizations = await tx.getRepository(OrganizationEntity).findBy({ id: In(signatoryIds) });
      const unknown = signatoryIds.filter((id) => !organizations.some((o) => o.id === id && o.active));
      if (unknown.length)
        throw badInput(`Unknown or inactive signatories: ${unknown.join(', ')}`, {
          'input.signatoryIds': 'unknown or inactive organization',
        });
      if (input.meetingId && !(await tx.getRepository(MeetingEntity).existsBy({ id: input.meetingId })))
        throw badInput(`Unknown meeting ${input.meetingId}`, { 'input.meetingId': 'unknown meeting' });
      const agreement = await tx.getRepository(AgreementEntity).save(
        tx.getRepository(AgreementEntity).create({
          title: input.title,
          subject: input.subject,
          signedOn: input.signedOn,
          targets: (input.targets ?? []).map((t) => ({
            metric: t.metric,
            value: t.value,
            unit: t.unit,
            baselineFiscalYear: t.baselineFiscalYear ?? null,
          })),
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
          obligations: input.obligations ?? [],
          meetingId: input.meetingId ?? null,
        }),
      );
      await tx.query('INSERT INTO agreement_signatory (agreement_id, organization_id) SELECT $1, unnest($2::uuid[])', [
        agreement.id,
        signatoryIds,
      ]);
      await outbox.append(tx, {
        type: 'pcc.agreement.signed',
        subject: agreement.id,
        data: { agreement: agreementSnapshot(agreement, signatoryIds), actor: eventActor(this.scope.identity) },
        traceparent: this.scope.traceparent,
      });
      return agreement;
    });
  }

  async addSignatory(rawAgreementId: unknown, rawOrganizationId: unknown): Promise<AgreementEntity> {
    await this.scope.viewer.assert('agreement:manage');
    const agreementId = parseInput(idSchema, rawAgreementId, 'agreementId');
    const organizationId = parseInput(idSchema, rawOrganizationId, 'organizationId');
    return this.scope.dataSource.transaction(async (tx) => {
      const agreement = await tx
        .getRepository(AgreementEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: agreementId })
        .getOne();
      if (!agreement) throw notFound('Agreement', agreementId);
      const organization = await tx.getRepository(OrganizationEntity).findOneBy({ id: organizationId });
      if (!organization?.active)
        throw badInput(`Organization ${organizationId} is unknown or inactive`, {
          organizationId: 'unknown or inactive organization',
        });
      const signatoryIds = await this.signatoryIds(tx, agreementId);
      if (signatoryIds.includes(organizationId))
        throw conflict(`${organization.code} has already signed this agreement`);
      await tx.query('INSERT INTO agreement_signatory (agreement_id, organization_id) VALUES ($1, $2)', [
        agreementId,
        organizationId,
      ]);
      agreement.updatedAt = new Date();
      await tx.getRepository(AgreementEntity).save(agreement);
      await outbox.append(tx, {
        type: 'pcc.agreement.signatory-added',
        subject: agreement.id,
        data: {
          agreement: agreementSnapshot(agreement, [...signatoryIds, organizationId]),
          organizationId,
          actor: eventActor(this.scope.identity),
        },
        traceparent: this.scope.traceparent,
      });
      return agreement;
    });
  }

  private async signatoryIds(tx: EntityManager, agreementId: string): Promise<string[]> {
    const rows: Array<{ organization_id: string }> = await tx.query(
      'SELECT organization_id FROM agreement_signatory WHERE agreement_id = $1 ORDER BY organization_id',
      [agreementId],
    );
    return rows.map((r) => r.organization_id);
  }
}
