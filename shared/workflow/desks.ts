// Desks and the people in them: channel desks (one per outlet) claim their
// version of a filed story; topic desks (时政, 农业农村…) receive what
// reporters file. The server owns this directory; decide() reads it.
import { z } from 'zod';
import { LocalizedSchema } from '../domain/localized';
import {
  DEFAULT_REVIEW_PLAN,
  PRINT_REVIEW_PLAN,
  ReviewPlanSchema,
  type ReviewPlan,
} from './review-plan';
import { DeskIdSchema, RoleSchema, UserIdSchema, type DeskId, type UserId } from './roles';

import { CHANNEL_IDS, ChannelIdSchema, type ChannelId } from '../domain/channel-ids';

export { CHANNEL_IDS, ChannelIdSchema, type ChannelId };

export const DeskSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('channel'),
    id: DeskIdSchema,
    name: LocalizedSchema,
    channel: ChannelIdSchema,
    /** The chain this desk runs; absent = the newsroom default for the channel. */
    reviewPlan: ReviewPlanSchema.optional(),
  }),
  z.object({ kind: z.literal('topic'), id: DeskIdSchema, name: LocalizedSchema }),
]);
export type Desk = z.infer<typeof DeskSchema>;
export type ChannelDesk = Extract<Desk, { kind: 'channel' }>;

export const PersonSchema = z.object({
  userId: UserIdSchema,
  name: z.string().min(1).max(60),
  roles: z.array(RoleSchema).min(1),
  desks: z.array(DeskIdSchema),
  /** People who left keep their history but receive no new work. */
  active: z.boolean(),
});
export type Person = z.infer<typeof PersonSchema>;

export const DirectorySchema = z.object({
  desks: z.array(DeskSchema),
  people: z.array(PersonSchema),
});
export type Directory = z.infer<typeof DirectorySchema>;

/** The newsroom default chain per channel when a desk does not set its own. */
export const DEFAULT_REVIEW_PLANS: Record<ChannelId, ReviewPlan> = {
  print: PRINT_REVIEW_PLAN,
  wechat: DEFAULT_REVIEW_PLAN,
  weibo: DEFAULT_REVIEW_PLAN,
  douyin: DEFAULT_REVIEW_PLAN,
  app: DEFAULT_REVIEW_PLAN,
};

/** The channel a channel desk makes versions for: its code names it (`wechat`, or `wechat-2` for a second desk). */
export function channelOfDeskCode(code: string): ChannelId | null {
  for (const c of CHANNEL_IDS) if (code === c || code.startsWith(`${c}-`)) return c;
  return null;
}

export function findDesk(dir: Directory, id: DeskId): Desk | undefined {
  return dir.desks.find((d) => d.id === id);
}

export function findPerson(dir: Directory, id: UserId): Person | undefined {
  return dir.people.find((p) => p.userId === id);
}

export function reviewPlanOf(desk: ChannelDesk): ReviewPlan {
  return desk.reviewPlan ?? DEFAULT_REVIEW_PLANS[desk.channel];
}

/** Channel desks that make versions for `channel` (usually one). */
export function desksForChannel(dir: Directory, channel: ChannelId): ChannelDesk[] {
  return dir.desks.filter((d): d is ChannelDesk => d.kind === 'channel' && d.channel === channel);
}
