import type { z } from 'zod';
import type { SqlParameters } from '@pcc/db';
import type { party } from '../domain/inputs';

/** A party to a case (personal data: never in events, PUBLIC or ANALYST answers). */
export type Party = z.infer<typeof party>;

/**
 * The `INSERT` of a case's parties, for a statement built of parts (see SqlParameters). Its text is
 * the same for any number of parties, none included (they are one parameter), so it can be prepared once.
 */
export function partyInsertion(parameters: SqlParameters, caseId: string, parties: readonly Party[]): string {
  const rows = parties.map((p) => ({ name: p.name, role: p.role, contact: p.contact ?? null }));
  return `INSERT INTO case_party (case_id, name, role, contact)
    SELECT ${parameters.add(caseId)}::uuid, p.name, p.role, p.contact
    FROM jsonb_to_recordset(${parameters.add(JSON.stringify(rows))}::jsonb) AS p(name text, role text, contact text)`;
}
