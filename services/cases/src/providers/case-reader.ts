import {
  badInput,
  decodeTimeIdCursor,
  forbidden,
  nestedPageLoader,
  nestedPages,
  newestFirstPage,
  PARENT,
  pageSize,
  parseInput,
  type Connection,
  toConnection,
  type PageArgs,
} from '@pcc/subgraph-kit';
import { In, type SelectQueryBuilder } from 'typeorm';
import { boundingBox, DUPLICATE_RADIUS_METRES, DUPLICATE_WINDOW_DAYS } from '../domain/geo';
import * as rules from '../domain/inputs';
import { OPEN_STATUSES } from '../domain/vocabulary';
import { caseView, maySeePersonalData, SENSITIVE_CATEGORIES, type CaseView } from '../domain/privacy';
import { secretMatches } from '../domain/reporter-secret';
import { CaseEntity } from '../store/entities';
import type { Loaders } from '../store/loaders';
import type { OrganizationFigures } from '../store/organization-figures';
import type { CaseFilter } from '../domain/case-filter';
import { referralsAwaitingReply, type ExternalReferralRow } from '../store/referrals';
import { caseActor } from './case-access';
import type { RequestScope } from './scope';

export type { CaseFilter } from '../domain/case-filter';

/**
 * Reads of cases: the filtered, keyset-paginated list (newest first), lookups, and possible
 * duplicates, and who sees the personal data of a case (resolvers/Case.ts asks field by field).
 * Talks to: this service's database.
 */
export class CaseReader {
  constructor(
    private readonly scope: RequestScope,
    private readonly loaders: Loaders,
    private readonly figures: OrganizationFigures,
  ) {}

  /** Whether the caller sees the personal data and free text of this case. */
  async personal(c: CaseEntity): Promise<boolean> {
    const actor = await caseActor(this.scope.viewer, c, async (organizationId) =>
      (await this.loaders.supportingByCase.load(c.id)).some((s) => s.organizationId === organizationId),
    );
    return maySeePersonalData(actor);
  }

  /** Whether the caller proved in this request to be the case's reporter (tracking code and secret). */
  reportedByCaller(c: CaseEntity): boolean {
    return this.scope.reported.has(c.id);
  }

  /** How much of the case's title and place the caller sees (domain/privacy.ts). */
  async view(c: CaseEntity): Promise<CaseView> {
    return caseView(c, this.reportedByCaller(c) || (await this.personal(c)));
  }

  async list(filter: CaseFilter | null | undefined, page: PageArgs): Promise<Connection<CaseEntity>> {
    const first = pageSize(page.first);
    const after = decodeTimeIdCursor(page.after);
    if (!filter?.organization) {
      await this.boundByDueTimes(null, filter);
      return newestFirstPage([this.filtered(filter)], {
        alias: 'c',
        column: 'opened_at',
        first,
        after,
        timeOf: (c) => c.openedAt,
      });
    }
    const org = parseInput(rules.id, filter.organization, 'filter.organization');
    await this.boundByDueTimes([org], filter);
    return newestFirstPage(this.organizationBranches(filter, ':org', { org }), {
      alias: 'c',
      column: 'opened_at',
      first,
      after,
      timeOf: (c) => c.openedAt,
      // One organization's total is kept between its changes.
      count: async (count) =>
        (await this.figures.listTotals([org], filter, async () => new Map([[org, await count()]]))).get(org) ?? 0,
    });
  }

  /** `Organization.cases` under a list of organizations: one page each, for all of them at once. */
  readonly ofOrganization = nestedPageLoader<{ filter: CaseFilter | null | undefined; page: PageArgs }, CaseEntity>(
    async (organizationIds, { filter, page }) => {
      await this.boundByDueTimes(organizationIds, filter);
      return nestedPages(organizationIds, this.organizationBranches(filter, PARENT, {}), {
        dataSource: this.scope.dataSource,
        alias: 'c',
        column: 'opened_at',
        direction: 'DESC',
        first: pageSize(page.first),
        after: decodeTimeIdCursor(page.after),
        load: (ids) => this.scope.dataSource.getRepository(CaseEntity).findBy({ id: In(ids) }),
        keyOf: (c) => c.openedAt,
        counts: (parents, count) => this.figures.listTotals(parents, filter, count),
      });
    },
  );

  /**
   * A list filtered by `overdue` changes by the clock alone when an open case reaches its due time:
   * the answer holds until the next due time of the organizations listed (of every case, unfiltered).
   * Read before the list, so a due time crossed in between ends the answer's validity at once.
   */
  private async boundByDueTimes(organizationIds: string[] | null, filter: CaseFilter | null | undefined) {
    if (filter?.overdue !== true && filter?.overdue !== false) return;
    const next = organizationIds
      ? [...(await this.figures.nextDue(organizationIds)).values()]
      : (
          await this.scope.dataSource.query<Array<{ next: number | null }>>(
            `SELECT (extract(epoch FROM min(due_at)) * 1000)::float8 AS next FROM "case"
             WHERE status = ANY($1) AND due_at >= now()`,
            [OPEN_STATUSES],
          )
        ).map((r) => r.next);
    for (const moment of next) if (moment !== null) this.scope.answer.validUntil(moment);
  }

  /**
   * An organization's cases are those it leads plus those it supports: two index-friendly queries
   * (by lead; through the supporting table) merged by the page, instead of one OR that no index can
   * serve. `org` is the organization in SQL: a parameter, or the parent of nested pages.
   */
  private organizationBranches(
    filter: CaseFilter | null | undefined,
    org: string,
    parameters: Record<string, unknown>,
  ): Array<SelectQueryBuilder<CaseEntity>> {
    return [
      this.filtered(filter).andWhere(`c.lead_org_id = ${org}`, parameters),
      this.filtered(filter)
        .innerJoin('case_supporting_organization', 's', `s.case_id = c.id AND s.organization_id = ${org}`, parameters)
        .andWhere(`c.lead_org_id IS DISTINCT FROM ${org}`, parameters),
    ];
  }

  /** Every filter but the organization's, on a fresh query. */
  private filtered(filter: CaseFilter | null | undefined): SelectQueryBuilder<CaseEntity> {
    const query = this.scope.dataSource.getRepository(CaseEntity).createQueryBuilder('c');
    if (filter?.status?.length) query.andWhere('c.status IN (:...status)', { status: filter.status });
    if (filter?.kind) query.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter?.category) query.andWhere('c.category = :category', { category: filter.category });
    if (filter?.district) query.andWhere('c.district = :district', { district: filter.district });
    if (filter?.overdue === true)
      query.andWhere('c.status IN (:...open) AND c.due_at < now()', { open: OPEN_STATUSES });
    if (filter?.overdue === false)
      query.andWhere('NOT (c.status IN (:...open) AND c.due_at < now())', { open: OPEN_STATUSES });
    const text = filter?.text?.trim();
    if (text) {
      if (text.length > 200 || text.includes('\u0000'))
        throw badInput('filter.text must be at most 200 printable characters', { 'filter.text': 'too long' });
      // Titles of sensitive cases are hidden from all but network admins (and the people working
      // them, who find them by their organization's list): a search must not find them either.
      const titles = this.scope.viewer.is('NETWORK_ADMIN')
        ? 'c.title ILIKE :text'
        : "c.title ILIKE :text AND c.kind <> 'CONFLICT' AND NOT (c.category IN (:...sensitive))";
      query.andWhere(`((${titles}) OR c.tracking_code = :code)`, {
        text: `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
        code: text.toUpperCase(),
        sensitive: SENSITIVE_CATEGORIES,
      });
    }
    const from = filter?.openedBetween?.from;
    const to = filter?.openedBetween?.to;
    if (from) query.andWhere('c.opened_at >= :from', { from: new Date(from) });
    if (to) query.andWhere('c.opened_at < :to', { to: new Date(to) });
    return query;
  }

  /**
   * A case by its tracking code. With the reporter's secret the caller is its reporter for this
   * request (they see their case whole, and its resolution); a wrong secret is refused as the
   * reporter's mutations refuse it.
   */
  async byTrackingCode(raw: unknown, rawSecret?: unknown): Promise<CaseEntity | null> {
    const code = rules.trackingCodeInput.safeParse(raw);
    const c = code.success
      ? await this.scope.dataSource.getRepository(CaseEntity).findOneBy({ trackingCode: code.data })
      : null;
    if (rawSecret === null || rawSecret === undefined) return c;
    const secret = parseInput(rules.secret, rawSecret, 'reporterSecret');
    if (!c || !secretMatches(secret, c.reporterSecretHash))
      throw forbidden('Tracking code and reporter secret do not match');
    this.scope.reported.add(c.id);
    return c;
  }

  /** Open cases of the same category within 200 m, opened in the last 30 days (the index narrows by box first). */
  async possibleDuplicates(rawId: unknown): Promise<CaseEntity[]> {
    // A triage tool: to others it would tell where cases lie (within 200 m of one they know).
    if (!this.scope.viewer.isStaff) throw forbidden('Only network admins and officers look for duplicates');
    const id = parseInput(rules.id, rawId, 'caseId');
    const c = await this.scope.dataSource.getRepository(CaseEntity).findOneBy({ id });
    if (!c) return [];
    const box = boundingBox(c.lat, c.lng, DUPLICATE_RADIUS_METRES);
    const ids: Array<{ id: string }> = await this.scope.dataSource.query(
      `SELECT id FROM "case"
       WHERE category = $1 AND id <> $2 AND status = ANY($3) AND opened_at > now() - make_interval(days => $4)
         AND lat BETWEEN $5 AND $6 AND lng BETWEEN $7 AND $8
         AND 2 * 6371000 * asin(least(1, sqrt(power(sin(radians(lat - $9) / 2), 2) + cos(radians($9)) * cos(radians(lat)) * power(sin(radians(lng - $10) / 2), 2)))) <= $11
       ORDER BY opened_at DESC LIMIT 50`,
      [
        c.category,
        c.id,
        OPEN_STATUSES,
        DUPLICATE_WINDOW_DAYS,
        box.minLat,
        box.maxLat,
        box.minLng,
        box.maxLng,
        c.lat,
        c.lng,
        DUPLICATE_RADIUS_METRES,
      ],
    );
    if (ids.length === 0) return [];
    const rows = await this.scope.dataSource
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids: ids.map((r) => r.id) })
      .getMany();
    // Each leaves the window (opened in the last 30 days) by the clock alone; none can enter it that way.
    for (const row of rows) this.scope.answer.validUntil(row.openedAt.getTime() + DUPLICATE_WINDOW_DAYS * 86_400_000);
    return rows.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime());
  }

  /**
   * Referrals still waiting for the outside body, oldest first: all of them for a network admin, those
   * of the cases an officer's organization leads (the one who chases the body) for an officer.
   */
  async awaitingReply(page: PageArgs): Promise<Connection<ExternalReferralRow>> {
    const { viewer } = this.scope;
    const first = pageSize(page.first);
    const after = decodeTimeIdCursor(page.after);
    let leadOrgId: string | null = null;
    if (!viewer.is('NETWORK_ADMIN')) {
      leadOrgId = viewer.is('LGO_OFFICER') ? await viewer.organizationId() : null;
      if (!leadOrgId) throw forbidden("Only network admins and the lead organizations' officers follow referrals");
    }
    const { rows, totalCount } = await referralsAwaitingReply(this.scope.dataSource, {
      leadOrgId,
      after,
      limit: first + 1,
    });
    return toConnection(rows, first, totalCount, (r) => [r.forwardedAt.toISOString(), r.id]);
  }

  async routingRules(): Promise<Array<{ district: string; category: string; organizationId: string }>> {
    const rows: Array<{ district: string; category: string; organization_id: string }> =
      await this.scope.dataSource.query(
        'SELECT district, category, organization_id FROM routing_rule ORDER BY district, category',
      );
    return rows.map((r) => ({ district: r.district, category: r.category, organizationId: r.organization_id }));
  }
}
