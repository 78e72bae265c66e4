import { EventCatalogue } from './define';
import { caseEvents } from './cases';
import { wasteEvents } from './waste';
import { organizationEvents } from './organizations';
import { planningEvents } from './planning';
import { registryEvents } from './registry';
import { meetingEvents } from './meetings';

export * from './define';
export * from './topics';
export * from './retention';
export * from './organizations';
export * from './cases';
export * from './waste';
export * from './planning';
export * from './registry';
export * from './meetings';
export * as eventFields from './common';

/** Every event type of the platform. Services add theirs here as they are built. */
export const platformCatalogue = new EventCatalogue([
  ...organizationEvents,
  ...meetingEvents,
  ...caseEvents,
  ...planningEvents,
  ...wasteEvents,
  ...registryEvents,
]);
