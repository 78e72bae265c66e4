import type { OrganizationResolvers } from '../generated/resolvers-types';
import { contactOf } from '../providers/organization-manager';

export const Organization: OrganizationResolvers = {
  // Federation entry point: batched per request, so N references cost one query.
  __resolveReference: (reference, { loaders }) => loaders.organizationById.load(reference.id),
  location: (organization) =>
    organization.lat === null || organization.lng === null ? null : { lat: organization.lat, lng: organization.lng },
  contact: (organization) => contactOf(organization),
  // Batched: the members of every organization in the answer in two statements.
  members: (organization, { first, after }, { members }) =>
    members.ofOrganization.load({ parent: organization.id, args: { first, after } }),
  agreements: (organization, _args, { loaders }) => loaders.agreementsByOrganization.load(organization.id),
};
