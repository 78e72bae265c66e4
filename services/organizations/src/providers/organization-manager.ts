import type { EntityManager } from 'typeorm';
import {
  badInput,
  conflict,
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
import { changedFields } from '../domain/changes';
import {
  OFFICER_EDITABLE_FIELDS,
  id as idSchema,
  registerOrganizationInput,
  updateOrganizationInput,
} from '../domain/inputs';
import type { District, OrganizationType } from '../domain/vocabulary';
import { organizationSnapshot, outbox } from '../events/snapshots';
import { OrganizationEntity } from '../store/entities';
import { likePattern } from './deps';

export interface OrganizationFilter {
  type?: OrganizationType | null;
  district?: District | null;
  active?: boolean | null;
  search?: string | null;
}

/**
 * The organization registry: reads with filters and keyset pagination, and every change to an
 * organization — authorization, validation, the row and its event in one transaction.
 * Talks to: this service's database (organization, outbox).
 */
export class OrganizationManager {
  constructor(private readonly scope: RequestScope) {}

  async list(filter: OrganizationFilter | null | undefined, page: PageArgs): Promise<Connection<OrganizationEntity>> {
    const first = pageSize(page.first);
    const after = decodeCursor(page.after, 1);
    const query = this.scope.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o');
    if (filter?.type) query.andWhere('o.type = :type', { type: filter.type });
    if (filter?.district) query.andWhere('o.district = :district', { district: filter.district });
    if (filter?.active !== undefined && filter?.active !== null)
      query.andWhere('o.active = :active', { active: filter.active });
    const search = filter?.search?.trim();
    if (search && (search.length > 100 || search.includes('\u0000')))
      throw badInput('filter.search must be at most 100 printable characters', {
        'filter.search': 'too long or not printable',
      });
    if (search)
      query.andWhere('(o.name_th ILIKE :q OR o.name_en ILIKE :q OR o.code ILIKE :q)', { q: likePattern(search) });
    const totalCount = await query.getCount();
    if (after) query.andWhere('o.code > :after', { after: String(after[0]) });
    const rows = await query
      .orderBy('o.code', 'ASC')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (o) => [o.code]);
  }

  byCode(code: string): Promise<OrganizationEntity | null> {
    return this.scope.dataSource.getRepository(OrganizationEntity).findOneBy({ code: code.trim().toUpperCase() });
  }

  async register(rawInput: unknown): Promise<OrganizationEntity> {
    await this.scope.viewer.assert('organization:register');
    const input = parseInput(registerOrganizationInput, rawInput);
    return this.scope.dataSource.transaction(async (tx) => {
      const existing = await tx.getRepository(OrganizationEntity).findOneBy({ code: input.code });
      if (existing) throw conflict(`An organization with code ${input.code} already exists`);
      const organization = tx.getRepository(OrganizationEntity).create({
        code: input.code,
        nameTh: input.nameTh,
        nameEn: input.nameEn,
        type: input.type,
        district: input.district,
        lat: input.location?.lat ?? null,
        lng: input.location?.lng ?? null,
        ...contactColumns(input.contact),
        establishedOn: input.establishedOn ?? null,
        active: true,
      });
      const saved = await tx.getRepository(OrganizationEntity).save(organization);
      await this.emit(tx, 'pcc.organization.registered', saved, {});
      return saved;
    });
  }

  async update(rawId: unknown, rawInput: unknown): Promise<OrganizationEntity> {
    const id = parseInput(idSchema, rawId, 'id');
    const input = parseInput(updateOrganizationInput, rawInput);
    return this.scope.dataSource.transaction(async (tx) => {
      const organization = await this.lock(tx, id);
      await this.scope.viewer.assert('organization:update', organization.id);
      const current = {
        ...organization,
        location: organization.lat === null ? null : { lat: organization.lat, lng: organization.lng },
        contact: contactOf(organization),
      };
      const requested = {
        ...input,
        contact: input.contact ? { ...contactOf(organization), ...stripUndefined(input.contact) } : input.contact,
      };
      const changed = changedFields(current, requested);
      if (!this.scope.viewer.is('NETWORK_ADMIN')) {
        const notAllowed = Object.keys(stripUndefined(input)).filter((field) => !OFFICER_EDITABLE_FIELDS.has(field));
        if (notAllowed.length)
          throw forbidden(
            `Officers may change only the contact details of their organization (not ${notAllowed.join(', ')})`,
          );
      }
      if (changed.length === 0) return organization;
      if (input.nameTh) organization.nameTh = input.nameTh;
      if (input.nameEn) organization.nameEn = input.nameEn;
      if (input.type) organization.type = input.type;
      if (input.district) organization.district = input.district;
      if (input.location !== undefined) {
        organization.lat = input.location?.lat ?? null;
        organization.lng = input.location?.lng ?? null;
      }
      if (input.contact !== undefined) Object.assign(organization, contactColumns(requested.contact));
      if (input.establishedOn !== undefined) organization.establishedOn = input.establishedOn;
      const saved = await tx.getRepository(OrganizationEntity).save(organization);
      await this.emit(tx, 'pcc.organization.updated', saved, { changed });
      return saved;
    });
  }

  async deactivate(rawId: unknown): Promise<OrganizationEntity> {
    await this.scope.viewer.assert('organization:deactivate');
    const id = parseInput(idSchema, rawId, 'id');
    return this.scope.dataSource.transaction(async (tx) => {
      const organization = await this.lock(tx, id);
      if (!organization.active) throw conflict(`${organization.code} is already inactive`);
      organization.active = false;
      const saved = await tx.getRepository(OrganizationEntity).save(organization);
      await this.emit(tx, 'pcc.organization.deactivated', saved, {});
      return saved;
    });
  }

  /** The row, locked until the transaction ends: changes to one organization are serialised. */
  private async lock(tx: EntityManager, id: string): Promise<OrganizationEntity> {
    const organization = await tx
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
    if (!organization) throw notFound('Organization', id);
    return organization;
  }

  private async emit(
    tx: EntityManager,
    type: string,
    organization: OrganizationEntity,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await outbox.append(tx, {
      type,
      subject: organization.id,
      data: { organization: organizationSnapshot(organization), actor: eventActor(this.scope.identity), ...extra },
      traceparent: this.scope.traceparent,
    });
  }
}

type ContactValues =
  { address?: string | null; phone?: string | null; email?: string | null; website?: string | null } | null | undefined;

function contactColumns(contact: ContactValues) {
  return {
    contactAddress: contact?.address ?? null,
    contactPhone: contact?.phone ?? null,
    contactEmail: contact?.email ?? null,
    contactWebsite: contact?.website ?? null,
  };
}

export function contactOf(o: OrganizationEntity) {
  return { address: o.contactAddress, phone: o.contactPhone, email: o.contactEmail, website: o.contactWebsite };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
