import { z } from 'zod';
import { defineEvent } from './define';
import { actor, isoDate, MAX_ORGANIZATIONS, uuid, version } from './common';
import { TOPICS } from './topics';

export const MEETING_KINDS = ['WORKSHOP', 'WORKING_GROUP_MEETING', 'SIGNING'] as const;
export const FOLLOW_UP_ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;

/**
 * A meeting of the network as analysts see it: kind, date, who attended by id, counts. No title, place,
 * agenda, resolution text or action description: free text written about people and places (PDPA);
 * working-group members by id only, never by name.
 */
const meetingSnapshot = z
  .object({
    id: uuid,
    kind: z.enum(MEETING_KINDS),
    heldOn: isoDate,
    organizationIds: z.array(uuid).max(MAX_ORGANIZATIONS),
    memberIds: z.array(uuid).max(500),
    agendaItemCount: z.number().int().min(0).max(50),
    materialCount: z.number().int().min(0).max(50),
    resolutionCount: z.number().int().min(0).max(100),
  })
  .strict();

const followUpAction = z
  .object({
    id: uuid,
    meetingId: uuid,
    resolutionId: uuid,
    organizationId: uuid,
    dueOn: isoDate,
    status: z.enum(FOLLOW_UP_ACTION_STATUSES),
  })
  .strict();

const meetingEvent = (type: string, description: string, schema: z.ZodRawShape) =>
  defineEvent({
    type: `pcc.meeting.${type}`,
    topic: TOPICS.meeting,
    description,
    schema: z.object({ ...schema, actor, version }).strict(),
  });

export const meetingEvents = [
  meetingEvent('recorded', 'The network centre recorded a meeting, workshop or signing, with who attended.', {
    meeting: meetingSnapshot,
  }),
  meetingEvent(
    'resolution-adopted',
    'A meeting adopted a resolution; the follow-up actions it assigns to organizations, each with its due date.',
    {
      meeting: meetingSnapshot,
      resolution: z.object({ id: uuid, number: z.number().int().min(1).max(100) }).strict(),
      actions: z.array(followUpAction).max(100),
    },
  ),
  meetingEvent('action-status-changed', 'An organization (or the network centre) moved a follow-up action.', {
    action: followUpAction,
    from: z.enum(FOLLOW_UP_ACTION_STATUSES),
    to: z.enum(FOLLOW_UP_ACTION_STATUSES),
  }),
  meetingEvent(
    'action-overdue',
    'A follow-up action passed its due date unfinished (once per action, found by the overdue watch).',
    { action: followUpAction, asOf: isoDate, daysOverdue: z.number().int().min(1).max(100000) },
  ),
];
