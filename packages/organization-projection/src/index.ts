export { OrganizationProjection } from './entity';
export { ORGANIZATION_PROJECTION } from './declaration';
export { CreateOrganizationProjection1764201700000 } from './migration';
export { AddOrganizationProjectionVersion1764900000002 } from './version-migration';
import { CreateOrganizationProjection1764201700000 } from './migration';
import { AddOrganizationProjectionVersion1764900000002 } from './version-migration';
/** The migrations of this package, to spread into a service's migrations list. */
export const organizationProjectionMigrations = [
  CreateOrganizationProjection1764201700000,
  AddOrganizationProjectionVersion1764900000002,
];
export { applyOrganizationEvent, organizationProjection } from './subscription';
export { projectionLookup, projectionScope, requireActiveOrganization } from './lookups';
export { waitForOrganizations } from './wait';
