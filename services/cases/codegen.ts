// Resolver types from schema.graphql, generated at build time (settings shared by every service).
import { resolverTypesConfig } from '@pcc/subgraph-kit/codegen';

export default resolverTypesConfig({
  Case: '../store/entities#CaseEntity',
  Organization: '../providers/organization-ref#OrganizationRef',
  Subdistrict: '../domain/areas#SubdistrictData',
  SubdistrictOrganization: '../domain/areas#AreaOrganization',
  ExternalBody: '../domain/areas#ExternalBodyData',
  CaseCategoryInfo: '../domain/areas#CategoryInfo',
  ExternalReferral: '../store/referrals#ExternalReferralRow',
});
