// Resolver types from schema.graphql, generated at build time (settings shared by every service).
import { resolverTypesConfig } from '@pcc/subgraph-kit/codegen';

export default resolverTypesConfig({
  Organization: '../store/entities#OrganizationEntity',
  Member: '../store/entities#MemberEntity',
  Agreement: '../store/entities#AgreementEntity',
  Meeting: '../store/entities#MeetingEntity',
  Resolution: '../store/entities#ResolutionEntity',
  FollowUpAction: '../store/entities#FollowUpActionEntity',
});
