import type { DevelopmentPlanResolvers, StrategyResolvers } from '../generated/resolvers-types';

export const DevelopmentPlan: DevelopmentPlanResolvers = {
  organization: (plan) => ({ id: plan.organizationId }),
  strategies: (plan, _args, { loaders }) => loaders.strategiesByPlan.load(plan.id),
};

export const Strategy: StrategyResolvers = {
  approaches: (strategy, _args, { loaders }) => loaders.approachesByStrategy.load(strategy.id),
};
