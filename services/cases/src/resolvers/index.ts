import { DateTimeScalar } from '@pcc/subgraph-kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Case } from './Case';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Query } from './Query';
import { CaseCategoryInfo, ExternalReferral, SubdistrictOrganization } from './areas';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Case,
  Organization,
  SubdistrictOrganization,
  ExternalReferral,
  CaseCategoryInfo,
  DateTime: DateTimeScalar,
};
