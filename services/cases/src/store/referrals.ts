import type { DataSource } from 'typeorm';

/** A case's hand-over to a body outside the network (case_external_referral). */
export interface ExternalReferralRow {
  caseId: string;
  id: string;
  externalBody: string;
  reference: string | null;
  note: string | null;
  forwardedAt: Date;
  reply: string | null;
  repliedAt: Date | null;
}

interface ReferralRecord {
  case_id: string;
  id: string;
  external_body: string;
  reference: string | null;
  note: string | null;
  forwarded_at: Date;
  reply: string | null;
  replied_at: Date | null;
}

/** The columns every read of referrals selects (as `r`), in the shape `toReferralRow` maps. */
export const REFERRAL_COLUMNS =
  'r.case_id, r.id, r.external_body, r.reference, r.note, r.forwarded_at, r.reply, r.replied_at';

export const toReferralRow = (r: ReferralRecord): ExternalReferralRow => ({
  caseId: r.case_id,
  id: r.id,
  externalBody: r.external_body,
  reference: r.reference,
  note: r.note,
  forwardedAt: r.forwarded_at,
  reply: r.reply,
  repliedAt: r.replied_at,
});

/** The referrals of these cases, in the order they were made. */
export async function referralsOfCases(dataSource: DataSource, caseIds: readonly string[]) {
  const rows = await dataSource.query<ReferralRecord[]>(
    `SELECT ${REFERRAL_COLUMNS} FROM case_external_referral r
     WHERE r.case_id = ANY($1::uuid[]) ORDER BY r.forwarded_at, r.id`,
    [caseIds],
  );
  return rows.map(toReferralRow);
}

/**
 * Referrals without a reply, oldest first, `limit` of them after the keyset `after`; only those of
 * cases `leadOrgId` leads when it is given. With the total of such referrals.
 */
export async function referralsAwaitingReply(
  dataSource: DataSource,
  options: { leadOrgId: string | null; after: { at: Date; id: string } | null; limit: number },
): Promise<{ rows: ExternalReferralRow[]; totalCount: number }> {
  const { leadOrgId, after, limit } = options;
  // The keyset compares with the cursor's millisecond time: forwarded_at is written from the
  // service's clock (a JS Date, milliseconds), never with finer digits.
  // The partial index on unreplied referrals serves both; the lead's filter joins each to its case.
  const scope = `FROM case_external_referral r JOIN "case" c ON c.id = r.case_id
     WHERE r.replied_at IS NULL AND ($1::uuid IS NULL OR c.lead_org_id = $1)`;
  const [rows, [count]] = await Promise.all([
    dataSource.query<ReferralRecord[]>(
      `SELECT ${REFERRAL_COLUMNS} ${scope}
         AND ($2::timestamptz IS NULL OR (r.forwarded_at, r.id) > ($2, $3::uuid))
       ORDER BY r.forwarded_at, r.id LIMIT $4`,
      [leadOrgId, after?.at ?? null, after?.id ?? null, limit],
    ),
    dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n ${scope}`, [leadOrgId]),
  ]);
  return { rows: rows.map(toReferralRow), totalCount: count.n };
}
