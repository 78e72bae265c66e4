import type { FollowUpActionResolvers, MeetingResolvers, ResolutionResolvers } from '../generated/resolvers-types';
import { isOverdue } from '../providers/follow-up-actions';

export const Meeting: MeetingResolvers = {
  organizations: (meeting, _args, { loaders }) => loaders.organizationsByMeeting.load(meeting.id),
  members: (meeting, _args, { loaders }) => loaders.membersByMeeting.load(meeting.id),
  resolutions: (meeting, _args, { loaders }) => loaders.resolutionsByMeeting.load(meeting.id),
  agreements: (meeting, _args, { loaders }) => loaders.agreementsByMeeting.load(meeting.id),
};

export const Resolution: ResolutionResolvers = {
  actions: (resolution, _args, { actions }) => actions.ofResolution(resolution.id),
};

export const FollowUpAction: FollowUpActionResolvers = {
  meeting: async (action, _args, { loaders }) => (await loaders.meetingById.load(action.meetingId))!,
  resolution: async (action, _args, { loaders }) => (await loaders.resolutionById.load(action.resolutionId))!,
  organization: async (action, _args, { loaders }) => (await loaders.organizationById.load(action.organizationId))!,
  overdue: (action) => isOverdue(action),
};
