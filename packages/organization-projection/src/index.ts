export { OrganizationProjection } from './entity';
export { CreateOrganizationProjection1764201700000 } from './migration';
export { applyOrganizationEvent, organizationProjection } from './subscription';
export { projectionLookup, projectionScope, requireActiveOrganization } from './lookups';
export { waitForOrganizations } from './wait';
