import { scalarResolvers } from '@pcc/subgraph-kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Agreement } from './Agreement';
import { FollowUpAction, Meeting, Resolution } from './Meeting';
import { Member } from './Member';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Organization,
  Member,
  Agreement,
  Meeting,
  Resolution,
  FollowUpAction,
  ...scalarResolvers,
};
