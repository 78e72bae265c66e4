import { randomBytes } from 'node:crypto';
import { insertStatement, newId, preparedQuery, SqlParameters } from '@pcc/db';
import { hashSecret, secretMatches } from '../domain/reporter-secret';
import { ensureTrackingSequence, nextTrackingNumber } from '../store/tracking-numbers';
import type { EntityManager } from 'typeorm';
import { AppError, badInput, conflict, forbidden, notFound, parseInput, parseOptional } from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { checkTransition, type Actor, type Transition } from '../domain/state-machine';
import { dueAt } from '../domain/sla';
import { fiscalYearOf, trackingCode } from '../domain/tracking';
import { isOpen, type CaseStatus } from '../domain/vocabulary';
import { caseEvents, emitCaseEvents, outbox, snapshotOf, SYSTEM } from '../events/case-events';
import { CaseEntity } from '../store/entities';
import { route, subdistrictByCode } from '../domain/areas';
import { addTimeline, timelineInsertion, type TimelineLine } from './timeline';
import { partyInsertion } from '../store/parties';
import { caseActor } from './case-access';
import { requireActiveOrganization, type RequestScope } from './scope';

/** What a change does to a locked case inside its transaction: the events, timeline note and data it records. */
type CaseChange = (
  c: CaseEntity,
  tx: EntityManager,
) => Promise<{
  events: Array<{ type: string; extra?: Record<string, unknown> }>;
  note?: string | null;
  data?: Record<string, unknown>;
}>;

/**
 * Everything that changes a case: intake, the state machine, routing (triage, forward, invite),
 * mediation, the reporter's own actions. Each change locks the case, checks who may do it and
 * whether the state allows it, writes the change, its timeline line and its events in one
 * transaction. Talks to: this service's database (case tables, projection, outbox).
 */
export class CaseWorkflow {
  constructor(private readonly scope: RequestScope) {}

  /** Intake. PUBLIC reports through web or LINE; staff may record any channel on a caller's behalf. */
  async open(raw: unknown): Promise<{ case: CaseEntity; trackingCode: string; reporterSecret: string }> {
    const { identity } = this.scope;
    await this.scope.viewer.assert('case:open');
    const input = parseInput(rules.openCaseInput, raw);
    if (identity.role === 'PUBLIC' && !['WEB', 'LINE'].includes(input.channel)) {
      throw badInput('A case opened online comes through WEB or LINE', {
        'input.channel': 'WEB or LINE for online reports',
      });
    }
    const subdistrict = input.location.subdistrict ? subdistrictByCode(input.location.subdistrict) : undefined;
    if (subdistrict && input.location.district && input.location.district !== subdistrict.district)
      throw badInput(`Tambon ${subdistrict.nameEn} is in ${subdistrict.district}`, {
        'input.location.district': `${subdistrict.district} for tambon ${subdistrict.code}`,
      });
    const decision = route({ kind: input.kind, category: input.category, subdistrict: subdistrict?.code ?? null });
    const reporterSecret = randomBytes(18).toString('base64url');
    const now = new Date();
    const fiscalYear = fiscalYearOf(now);
    const { dataSource } = this.scope;
    await ensureTrackingSequence(dataSource, fiscalYear);
    // Intake's own triage: the case goes to the organization whose area its tambon is, as the
    // network centre would have sent it (RECEIVED → TRIAGED, by SYSTEM); the lead accepts it next.
    // An organization that is not an active member leaves the case in the triage queue instead.
    // Read before the write, as it was read at the start of the write's transaction before: neither
    // takes a lock, so an organization leaving the network at this moment races either way.
    const { sequence, activeLeadId: lead } = await nextTrackingNumber(
      dataSource,
      fiscalYear,
      'lead' in decision ? decision.lead : null,
    );
    const routingException =
      'exception' in decision ? decision.exception : lead ? null : ('ORGANIZATION_UNAVAILABLE' as const);
    // Written once, in the state intake's own triage leaves it: an insert and then an update to
    // TRIAGED would write the row and its index entries twice (and run its triggers twice)
    // for a state no one can read in between. The timeline and events still tell both steps.
    const c = dataSource.getRepository(CaseEntity).create({
      id: newId(),
      trackingCode: trackingCode(fiscalYear, sequence),
      fiscalYear,
      kind: input.kind,
      category: input.category,
      channel: input.channel,
      title: input.title,
      description: input.description,
      lat: input.location.lat,
      lng: input.location.lng,
      address: input.location.address ?? null,
      district: input.location.district ?? subdistrict?.district ?? null,
      subdistrict: subdistrict?.code ?? null,
      routingException,
      attachmentUrls: input.attachmentUrls ?? [],
      reporterName: input.reporter.name,
      reporterPhone: input.reporter.phone ?? null,
      reporterEmail: input.reporter.email ?? null,
      reporterSecretHash: hashSecret(reporterSecret),
      priority: 'NORMAL',
      status: lead ? 'TRIAGED' : 'RECEIVED',
      leadOrgId: lead,
      openedAt: now,
      dueAt: dueAt(now, 'NORMAL', this.scope.sla),
      reopenCount: 0,
      slaBreachedFor: null,
      resolution: null,
      outcome: null,
      referredTo: null,
      rating: null,
      ratingComment: null,
      duplicateOf: null,
      resolvedAt: null,
      closedAt: null,
    });
    // A new case has no supporting organization yet: its snapshots need no look-up.
    const events = caseEvents(
      snapshotOf({ ...c, status: 'RECEIVED', leadOrgId: null }, []),
      identity,
      this.scope.traceparent,
      [{ type: 'opened' }],
    );
    if (lead)
      events.push(
        ...caseEvents(
          snapshotOf(c, []),
          SYSTEM,
          this.scope.traceparent,
          [
            { type: 'status-changed', extra: { from: 'RECEIVED', to: 'TRIAGED' } },
            { type: 'triaged', extra: { leadOrganizationId: lead } },
          ],
          true,
        ),
      );
    const opened: TimelineLine = { who: identity, action: 'opened', change: { to: 'RECEIVED' } };
    const routed: TimelineLine = {
      who: 'SYSTEM',
      action: 'routed',
      change: { from: 'RECEIVED', to: 'TRIAGED', data: { leadOrganizationId: lead, subdistrict: c.subdistrict } },
    };
    // The case, its parties, its timeline and its events in one statement, which is atomic on its
    // own: one round trip instead of a transaction's seven. The case row's triggers lock the lead
    // organization's statistics and version rows, which every other intake for that organization
    // waits on; they are held from the end of this statement to its commit, with nothing between.
    // Its children's foreign keys are checked at the end of the statement, when the case is there.
    const parameters = new SqlParameters();
    // The same text for every intake (the events, parties and timeline lines are one parameter each),
    // so that it is prepared once per connection instead of parsed and planned per case.
    const [written] = await preparedQuery<{ created_at: Date; updated_at: Date }>(
      dataSource,
      `WITH ${outbox.insertion(parameters, events).sql},
        new_case AS (${insertStatement(dataSource, CaseEntity, c, parameters)} RETURNING created_at, updated_at),
        parties AS (${partyInsertion(parameters, c.id, input.parties ?? [])}),
        timeline AS (${timelineInsertion(parameters, c.id, lead ? [opened, routed] : [opened])})
      SELECT created_at, updated_at FROM new_case`,
      parameters.values,
    );
    c.createdAt = written!.created_at;
    c.updatedAt = written!.updated_at;
    return { case: c, trackingCode: c.trackingCode, reporterSecret };
  }

  triage(rawId: unknown, raw: unknown): Promise<CaseEntity> {
    const input = parseInput(rules.triageInput, raw);
    return this.transition(rawId, 'triage', async (c, tx) => {
      if (input.category) c.category = input.category;
      let leadId = input.leadOrganizationId ?? null;
      if (!leadId) {
        const [rule] = c.district
          ? await tx.query<Array<{ organization_id: string }>>(
              'SELECT organization_id FROM routing_rule WHERE district = $1 AND category = $2',
              [c.district, c.category],
            )
          : [];
        if (!rule)
          throw badInput('No routing rule for this district and category: name the lead organization', {
            'input.leadOrganizationId': 'required',
          });
        leadId = rule.organization_id;
      }
      await requireActiveOrganization(tx, leadId, 'input.leadOrganizationId');
      c.leadOrgId = leadId;
      c.routingException = null;
      // The lead is never also listed as supporting (a re-triage may pick a supporting organization).
      await tx.query('DELETE FROM case_supporting_organization WHERE case_id = $1 AND organization_id = $2', [
        c.id,
        leadId,
      ]);
      c.priority = input.priority;
      c.dueAt = dueAt(c.openedAt, input.priority, this.scope.sla);
      return {
        events: [{ type: 'triaged', extra: { leadOrganizationId: leadId } }],
        data: { leadOrganizationId: leadId, priority: input.priority },
      };
    });
  }

  accept(rawId: unknown) {
    return this.transition(rawId, 'accept', async () => ({ events: [{ type: 'assigned' }] }));
  }

  start(rawId: unknown, rawNote: unknown) {
    const note = parseOptional(rules.note, rawNote, 'note');
    return this.transition(rawId, 'start', async () => ({ events: [], note }));
  }

  startMediation(rawId: unknown) {
    return this.transition(rawId, 'startMediation', async () => ({ events: [] }));
  }

  resolve(rawId: unknown, raw: unknown) {
    const input = parseInput(rules.resolveInput, raw);
    return this.transition(rawId, 'resolve', async (c) => {
      if (c.kind === 'CONFLICT' && !input.outcome)
        throw badInput('A conflict is resolved with an outcome', { 'input.outcome': 'required for conflicts' });
      if (input.outcome === 'REFERRED' && !input.referredTo)
        throw badInput('Say where the conflict was referred', { 'input.referredTo': 'required for REFERRED' });
      c.resolution = input.resolution;
      c.outcome = input.outcome ?? null;
      c.referredTo = input.referredTo ?? null;
      c.resolvedAt = new Date();
      return { events: [{ type: 'resolved', extra: { outcome: c.outcome } }] };
    });
  }

  close(rawId: unknown) {
    return this.transition(rawId, 'close', async (c) => {
      c.closedAt = new Date();
      return { events: [{ type: 'closed' }] };
    });
  }

  reject(rawId: unknown, rawReason: unknown) {
    const reason = parseInput(rules.reason, rawReason, 'reason');
    return this.transition(rawId, 'reject', async (c) => {
      c.resolution = reason;
      c.closedAt = new Date();
      return { events: [], note: reason };
    });
  }

  reopen(rawId: unknown, rawReason: unknown) {
    const reason = parseInput(rules.reason, rawReason, 'reason');
    return this.transition(rawId, 'reopen', async (c) => this.reopened(c, reason));
  }

  markDuplicate(rawId: unknown, rawOriginalId: unknown) {
    const originalId = parseInput(rules.id, rawOriginalId, 'originalId');
    // Both cases are locked (in id order, so two opposite calls queue instead of deadlocking) and the
    // original is read under the lock: of "A duplicates B" and "B duplicates A" at once, one wins.
    return this.transition(
      rawId,
      'markDuplicate',
      async (c, tx) => {
        if (originalId === c.id) throw badInput('A case cannot duplicate itself', { originalId: 'same case' });
        const original = await tx.getRepository(CaseEntity).findOneBy({ id: originalId });
        if (!original) throw notFound('Case', originalId);
        if (original.duplicateOf)
          throw badInput('Point to the original case, not to another duplicate', {
            originalId: 'is itself a duplicate',
          });
        const [pointed] = await tx.query<unknown[]>('SELECT 1 FROM "case" WHERE duplicate_of = $1 LIMIT 1', [c.id]);
        if (pointed)
          throw badInput('Other cases are duplicates of this one: it is an original', { id: 'is an original' });
        c.duplicateOf = original.id;
        c.closedAt = new Date();
        return {
          events: [{ type: 'marked-duplicate', extra: { originalCaseId: original.id } }],
          data: { originalTrackingCode: original.trackingCode },
        };
      },
      [originalId],
    );
  }

  /** Lead (or admin) hands the case to another organization; the lead changes. */
  forward(rawId: unknown, rawOrganizationId: unknown, rawNote: unknown) {
    const organizationId = parseInput(rules.id, rawOrganizationId, 'organizationId');
    const note = parseOptional(rules.note, rawNote, 'note');
    return this.change(rawId, ['NETWORK_ADMIN', 'LEAD_OFFICER'], 'forward', async (c, tx) => {
      if (!c.leadOrgId) throw new AppError('INVALID_TRANSITION', 'Only a triaged case with a lead can be forwarded');
      if (organizationId === c.leadOrgId)
        throw badInput('The case is already led by that organization', { organizationId: 'already the lead' });
      await requireActiveOrganization(tx, organizationId, 'organizationId');
      const from = c.leadOrgId;
      c.leadOrgId = organizationId;
      await tx.query('DELETE FROM case_supporting_organization WHERE case_id = $1 AND organization_id = $2', [
        c.id,
        organizationId,
      ]);
      return {
        events: [{ type: 'forwarded', extra: { fromOrganizationId: from, toOrganizationId: organizationId } }],
        note,
        data: { fromOrganizationId: from, toOrganizationId: organizationId },
      };
    });
  }

  /** Lead (or admin) hands an open case to a body outside the network; the lead keeps and follows it. */
  referToExternalBody(rawId: unknown, raw: unknown) {
    const input = parseInput(rules.externalReferralInput, raw);
    return this.change(rawId, ['NETWORK_ADMIN', 'LEAD_OFFICER'], 'referred-to-external-body', async (c, tx) => {
      const forwardedAt = new Date();
      const [row] = await tx.query<[{ id: string }]>(
        `INSERT INTO case_external_referral (case_id, external_body, reference, note, forwarded_at, forwarded_by_role, forwarded_by_org)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          c.id,
          input.externalBody,
          input.reference ?? null,
          input.note ?? null,
          forwardedAt,
          this.scope.identity.role,
          this.scope.identity.org,
        ],
      );
      return {
        events: [
          {
            type: 'referred-to-external-body',
            extra: {
              referralId: row.id,
              externalBody: input.externalBody,
              externalReference: input.reference ?? null,
              forwardedAt: forwardedAt.toISOString(),
            },
          },
        ],
        note: input.note ?? null,
        data: { referralId: row.id, externalBody: input.externalBody },
      };
    });
  }

  /** The outside body's reply to a referral, recorded once by the lead (or admin), whatever the case's status. */
  async recordExternalReply(rawReferralId: unknown, raw: unknown) {
    const referralId = parseInput(rules.id, rawReferralId, 'referralId');
    const input = parseInput(rules.externalReplyInput, raw);
    const [referral] = await this.scope.dataSource.query<Array<{ case_id: string }>>(
      'SELECT case_id FROM case_external_referral WHERE id = $1',
      [referralId],
    );
    if (!referral) throw notFound('ExternalReferral', referralId);
    return this.change(
      referral.case_id,
      ['NETWORK_ADMIN', 'LEAD_OFFICER'],
      'external-body-replied',
      async (_c, tx) => {
        const repliedAt = new Date();
        // An UPDATE through TypeORM answers [rows, count].
        const [updated] = await tx.query<[Array<{ external_body: string }>, number]>(
          `UPDATE case_external_referral SET reply = $2, replied_at = $3, reference = coalesce($4, reference), updated_at = now()
           WHERE id = $1 AND replied_at IS NULL RETURNING external_body`,
          [referralId, input.reply, repliedAt, input.reference ?? null],
        );
        const [done] = updated;
        if (!done) throw conflict('The reply to this referral has already been recorded');
        return {
          events: [
            {
              type: 'external-body-replied',
              extra: { referralId, externalBody: done.external_body, repliedAt: repliedAt.toISOString() },
            },
          ],
          data: { referralId },
        };
      },
      { anyStatus: true },
    );
  }

  /** Lead (or admin) brings in another organization; it joins at once. */
  invite(rawId: unknown, rawOrganizationId: unknown, rawNote: unknown) {
    const organizationId = parseInput(rules.id, rawOrganizationId, 'organizationId');
    const note = parseOptional(rules.note, rawNote, 'note');
    return this.change(rawId, ['NETWORK_ADMIN', 'LEAD_OFFICER'], 'supporting-organization-joined', async (c, tx) => {
      if (!c.leadOrgId)
        throw new AppError('INVALID_TRANSITION', 'Only a triaged case with a lead can have supporting organizations');
      if (organizationId === c.leadOrgId)
        throw badInput('The lead cannot also support', { organizationId: 'is the lead' });
      await requireActiveOrganization(tx, organizationId, 'organizationId');
      const inserted: unknown[] = await tx.query(
        'INSERT INTO case_supporting_organization (case_id, organization_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING case_id',
        [c.id, organizationId],
      );
      if (inserted.length === 0) throw conflict('That organization already supports this case');
      return {
        events: [{ type: 'supporting-organization-joined', extra: { organizationId } }],
        note,
        data: { organizationId },
      };
    });
  }

  addNote(rawId: unknown, rawNote: unknown) {
    const note = parseInput(rules.note, rawNote, 'note');
    return this.change(
      rawId,
      ['NETWORK_ADMIN', 'LEAD_OFFICER', 'SUPPORTING_OFFICER'],
      'note',
      async () => ({ events: [], note }),
      { anyStatus: true },
    );
  }

  addParty(rawId: unknown, raw: unknown) {
    const party = parseInput(rules.party, raw);
    return this.change(rawId, ['NETWORK_ADMIN', 'LEAD_OFFICER', 'SUPPORTING_OFFICER'], 'party-added', async (c, tx) => {
      const parameters = new SqlParameters();
      await tx.query(partyInsertion(parameters, c.id, [party]), parameters.values);
      return { events: [] };
    });
  }

  recordMediationSession(rawId: unknown, raw: unknown) {
    const session = parseInput(rules.mediationSessionInput, raw);
    return this.change(
      rawId,
      ['NETWORK_ADMIN', 'LEAD_OFFICER', 'SUPPORTING_OFFICER'],
      'mediation-session-recorded',
      async (c, tx) => {
        if (c.status !== 'IN_MEDIATION')
          throw new AppError(
            'INVALID_TRANSITION',
            `Sessions are recorded while a conflict is IN_MEDIATION (it is ${c.status})`,
          );
        const [row] = await tx.query<[{ id: string }]>(
          'INSERT INTO mediation_session (case_id, held_at, mediator, attendees, notes) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [c.id, session.heldAt, session.mediator, session.attendees, session.notes ?? null],
        );
        return {
          events: [
            {
              type: 'mediation-session-recorded',
              extra: { sessionId: row.id, heldAt: new Date(session.heldAt).toISOString() },
            },
          ],
          data: { sessionId: row.id },
        };
      },
    );
  }

  // ---- the reporter, proven by the secret ---------------------------------------------------

  addInformation(rawCode: unknown, rawSecret: unknown, rawText: unknown) {
    const text = parseInput(rules.note, rawText, 'text');
    return this.asReporter(rawCode, rawSecret, async (c, tx) => {
      if (!isOpen(c.status))
        throw new AppError('INVALID_TRANSITION', `The case is ${c.status}; reopen it to add information`);
      await addTimeline(tx, c.id, 'REPORTER', 'information-added', { note: text });
      return c;
    });
  }

  rate(rawCode: unknown, rawSecret: unknown, rawRating: unknown, rawComment: unknown) {
    const rating = parseInput(rules.rating, rawRating, 'rating');
    const comment = parseOptional(rules.note, rawComment, 'comment');
    return this.asReporter(rawCode, rawSecret, async (c, tx) => {
      if (c.status !== 'RESOLVED' && c.status !== 'CLOSED')
        throw new AppError('INVALID_TRANSITION', `A case is rated after it is resolved (it is ${c.status})`);
      if (c.rating !== null) throw conflict('This case has already been rated');
      c.rating = rating;
      c.ratingComment = comment;
      const saved = await tx.getRepository(CaseEntity).save(c);
      await addTimeline(tx, c.id, 'REPORTER', 'rated', { data: { rating } });
      await emitCaseEvents(tx, saved, { sub: 'reporter', role: 'PUBLIC', org: null }, this.scope.traceparent, [
        { type: 'rated', extra: { rating } },
      ]);
      return saved;
    });
  }

  reporterReopen(rawCode: unknown, rawSecret: unknown, rawReason: unknown) {
    const reason = parseInput(rules.reason, rawReason, 'reason');
    return this.asReporter(rawCode, rawSecret, async (c, tx) => {
      const check = checkTransition('reopen', c.status, c.kind, 'REPORTER');
      if (!check.ok) throw new AppError(check.reason, check.message);
      const from = c.status;
      c.status = check.to;
      const { events } = this.reopened(c, reason);
      const saved = await tx.getRepository(CaseEntity).save(c);
      await addTimeline(tx, c.id, 'REPORTER', 'reopen', { from, to: c.status, note: reason });
      await emitCaseEvents(tx, saved, { sub: 'reporter', role: 'PUBLIC', org: null }, this.scope.traceparent, [
        { type: 'status-changed', extra: { from, to: c.status } },
        ...events,
      ]);
      return saved;
    });
  }

  async setRoutingRule(district: unknown, category: unknown, rawOrganizationId: unknown) {
    await this.scope.viewer.assert('case:setRoutingRule');
    const organizationId = parseInput(rules.id, rawOrganizationId, 'organizationId');
    return this.scope.dataSource.transaction(async (tx) => {
      await requireActiveOrganization(tx, organizationId, 'organizationId');
      await tx.query(
        `INSERT INTO routing_rule (district, category, organization_id) VALUES ($1, $2, $3)
         ON CONFLICT (district, category) DO UPDATE SET organization_id = EXCLUDED.organization_id, updated_at = now()`,
        [district, category, organizationId],
      );
      return { district: district as string, category: category as string, organizationId };
    });
  }

  // ---- machinery -----------------------------------------------------------------------------

  private reopened(c: CaseEntity, reason: string) {
    c.reopenCount += 1;
    c.duplicateOf = null;
    c.resolvedAt = null;
    c.closedAt = null;
    c.rating = null;
    c.ratingComment = null;
    // A reopened case gets a fresh due time from now, so its SLA can breach again.
    c.dueAt = dueAt(new Date(), c.priority, this.scope.sla);
    return { events: [{ type: 'reopened', extra: { reopenCount: c.reopenCount } }], note: reason };
  }

  /** Who the caller is for this case: the state machine's actors. */
  private actorFor(c: CaseEntity, tx: EntityManager): Promise<Actor> {
    return caseActor(
      this.scope.viewer,
      c,
      async (organizationId) => {
        const rows: unknown[] = await tx.query(
          'SELECT 1 FROM case_supporting_organization WHERE case_id = $1 AND organization_id = $2',
          [c.id, organizationId],
        );
        return rows.length > 0;
      },
      'change',
    );
  }

  private async lock(tx: EntityManager, rawId: unknown): Promise<CaseEntity> {
    const id = parseInput(rules.id, rawId, 'id');
    const c = await tx
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
    if (!c) throw notFound('Case', id);
    return c;
  }

  /** A state-machine transition: check, apply, save, timeline, `status-changed` plus its own events. */
  private transition(
    rawId: unknown,
    transition: Transition,
    apply: CaseChange,
    /** Other cases the change reads: locked together with this one, in id order. */
    alsoLock: string[] = [],
  ): Promise<CaseEntity> {
    return this.scope.dataSource.transaction(async (tx) => {
      if (alsoLock.length)
        await tx.query('SELECT id FROM "case" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
          [parseInput(rules.id, rawId, 'id'), ...alsoLock],
        ]);
      const c = await this.lock(tx, rawId);
      const check = checkTransition(transition, c.status, c.kind, await this.actorFor(c, tx));
      if (!check.ok)
        throw check.reason === 'FORBIDDEN'
          ? forbidden(check.message)
          : new AppError('INVALID_TRANSITION', check.message, { status: c.status });
      const from: CaseStatus = c.status;
      const result = await apply(c, tx);
      c.status = check.to;
      const saved = await tx.getRepository(CaseEntity).save(c);
      await addTimeline(tx, c.id, this.scope.identity, transition, {
        from,
        to: check.to,
        note: result.note ?? null,
        data: result.data ?? {},
      });
      await emitCaseEvents(tx, saved, this.scope.identity, this.scope.traceparent, [
        { type: 'status-changed', extra: { from, to: check.to } },
        ...result.events,
      ]);
      return saved;
    });
  }

  /** A change that keeps the status: only on open cases (unless `anyStatus`), by the given actors. */
  private change(
    rawId: unknown,
    who: Actor[],
    action: string,
    apply: CaseChange,
    options: { anyStatus?: boolean } = {},
  ): Promise<CaseEntity> {
    return this.scope.dataSource.transaction(async (tx) => {
      const c = await this.lock(tx, rawId);
      const actor = await this.actorFor(c, tx);
      if (!who.includes(actor)) throw forbidden(`${actor} may not ${action.replace(/-/g, ' ')} on this case`);
      if (!options.anyStatus && !isOpen(c.status))
        throw new AppError('INVALID_TRANSITION', `The case is ${c.status}`, { status: c.status });
      const result = await apply(c, tx);
      const saved = await tx.getRepository(CaseEntity).save(c);
      await addTimeline(tx, c.id, this.scope.identity, action, { note: result.note ?? null, data: result.data ?? {} });
      if (result.events.length)
        await emitCaseEvents(tx, saved, this.scope.identity, this.scope.traceparent, result.events);
      return saved;
    });
  }

  private asReporter(
    rawCode: unknown,
    rawSecret: unknown,
    act: (c: CaseEntity, tx: EntityManager) => Promise<CaseEntity>,
  ): Promise<CaseEntity> {
    const code = parseInput(rules.trackingCodeInput, rawCode, 'trackingCode');
    const secret = parseInput(rules.secret, rawSecret, 'reporterSecret');
    return this.scope.dataSource.transaction(async (tx) => {
      const c = await tx
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.tracking_code = :code', { code })
        .getOne();
      // Same answer for an unknown code and a wrong secret: the code alone proves nothing.
      if (!c || !secretMatches(secret, c.reporterSecretHash))
        throw forbidden('Tracking code and reporter secret do not match');
      // The answer is the reporter's own case: they see what they reported, and its resolution.
      this.scope.reported.add(c.id);
      return act(c, tx);
    });
  }
}
