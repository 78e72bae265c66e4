import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: raw input goes to the providers, which authorize, validate and write. */
export const Mutation: MutationResolvers = {
  createDevelopmentPlan: (_parent, { input }, { plans }) => plans.create(input),
  publishDevelopmentPlan: (_parent, { id }, { plans }) => plans.publish(id),
  proposeProject: (_parent, { input }, { proposals }) => proposals.propose(input),
  updateProject: (_parent, { id, input }, { proposals }) => proposals.update(id, input),
  approveProject: (_parent, { id, input }, { workflow }) => workflow.approve(id, input),
  startProcurement: (_parent, { id }, { workflow }) => workflow.startProcurement(id),
  startImplementation: (_parent, { id }, { workflow }) => workflow.startImplementation(id),
  completeProject: (_parent, { id }, { workflow }) => workflow.complete(id),
  cancelProject: (_parent, { id, reason, reasonCode }, { workflow }) => workflow.cancel(id, reason, reasonCode),
  reportProgress: (_parent, { id, input }, { workflow }) => workflow.reportProgress(id, input),
  submitForCoordination: (_parent, { id, note }, { workflow }) =>
    workflow.coordinate(id, 'submitForCoordination', note),
  acceptCoordination: (_parent, { id, note }, { workflow }) => workflow.coordinate(id, 'acceptCoordination', note),
  declineCoordination: (_parent, { id, note }, { workflow }) => workflow.coordinate(id, 'declineCoordination', note),
  linkProjectToCase: (_parent, { id, caseId }, { workflow }) => workflow.linkCase(id, caseId),
  recordContract: (_parent, { id, input }, { workflow }) => workflow.recordContract(id, input),
  reportAccumulatedFunds: (_parent, { input }, { accumulatedFunds }) => accumulatedFunds.report(input),
};
