import { DateScalar, DateTimeScalar, DecimalScalar } from '@pcc/subgraph-kit';
import type { Resolvers } from '../generated/resolvers-types';
import { DevelopmentPlan, Strategy } from './DevelopmentPlan';
import { Mutation } from './Mutation';
import { Case } from './Case';
import { Organization } from './Organization';
import { Project } from './Project';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Project,
  DevelopmentPlan,
  Strategy,
  Organization,
  Case,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
};
