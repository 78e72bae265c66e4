import type { Actor } from './state-machine';

/**
 * Personal data of a case (reporter, parties, free text) is for the people working it: network
 * admins and officers of the lead or a supporting organization. Analysts, the public and officers of
 * other organizations never see it.
 */
export const maySeePersonalData = (actor: Actor): boolean =>
  actor === 'NETWORK_ADMIN' || actor === 'LEAD_OFFICER' || actor === 'SUPPORTING_OFFICER';
