import type { CaseCategory, CaseKind } from './vocabulary';
import type { Actor } from './state-machine';

/**
 * Personal data of a case (reporter, parties, free text) is for the people working it: network
 * admins and officers of the lead or a supporting organization. Analysts, the public and officers of
 * other organizations never see it.
 */
export const maySeePersonalData = (actor: Actor): boolean =>
  actor === 'NETWORK_ADMIN' || actor === 'LEAD_OFFICER' || actor === 'SUPPORTING_OFFICER';

/**
 * Categories whose cases tell of one household's land, poverty or care: outside the people working
 * them (and the reporter), such a case shows neither its title nor any place. Conflicts (between
 * named parties) are treated alike, whatever their category.
 */
export const SENSITIVE_CATEGORIES: readonly CaseCategory[] = ['LAND_DISPUTE', 'SOCIAL_WELFARE'];

export const isSensitive = (c: { kind: CaseKind; category: CaseCategory }): boolean =>
  c.kind === 'CONFLICT' || SENSITIVE_CATEGORIES.includes(c.category);

/**
 * Coordinates for those who may not see the exact place: rounded to 3 decimals of a degree, a grid
 * of about 110 m at Phuket's latitude (enough for a map of a district, not to find a house).
 */
export const coarsen = (degrees: number): number => Math.round(degrees * 1000) / 1000;

/** What a caller sees of a case's place and title. */
export type CaseView = 'full' | 'public' | 'withheld';

/**
 * `full` for the people working the case and for its reporter (proved by the secret); otherwise
 * `withheld` for a sensitive case and `public` (coarse place, no address) for the others.
 */
export const caseView = (c: { kind: CaseKind; category: CaseCategory }, full: boolean): CaseView =>
  full ? 'full' : isSensitive(c) ? 'withheld' : 'public';
