import { EventCatalogue } from './define';
import { organizationEvents } from './organizations';

export * from './define';
export * from './topics';
export * from './organizations';
export * as eventFields from './common';

/** Every event type of the platform. Services add theirs here as they are built. */
export const platformCatalogue = new EventCatalogue([...organizationEvents]);
