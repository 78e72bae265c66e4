import { DateTimeScalar } from '@pcc/subgraph-kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Case } from './Case';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Mutation, Case, Organization, DateTime: DateTimeScalar };
