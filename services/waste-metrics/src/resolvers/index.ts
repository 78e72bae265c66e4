import { DateTimeScalar, DecimalScalar } from '@pcc/subgraph-kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Query } from './Query';
import { WasteReport } from './WasteReport';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  WasteReport,
  Organization,
  DateTime: DateTimeScalar,
  Decimal: DecimalScalar,
};
