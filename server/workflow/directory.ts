// The workflow's directory (desks, people, their roles and desks) read from
// the accounts tables. A channel desk makes the versions of the channel its
// code names (`wechat`, or `wechat-…` for a second WeChat desk); a channel
// desk whose code names no channel is treated as a topic desk.
import type { Tx } from '../stories/story-repo';
import { CHANNEL_IDS, type ChannelId, type Desk, type Directory } from '@shared/workflow/desks';
import { RoleSchema } from '@shared/workflow/roles';
import { ReviewPlanSchema } from '@shared/workflow/review-plan';

export function channelOfDeskCode(code: string): ChannelId | null {
  for (const c of CHANNEL_IDS) if (code === c || code.startsWith(`${c}-`)) return c;
  return null;
}

export async function loadDirectory(tx: Tx): Promise<Directory> {
  const [desks, users, members] = await Promise.all([
    tx
      .selectFrom('desks')
      .select(['id', 'code', 'name', 'kind', 'review_plan'])
      .orderBy('code')
      .execute(),
    tx.selectFrom('users').select(['id', 'display_name', 'role', 'disabled_at']).execute(),
    tx.selectFrom('desk_members').select(['desk_id', 'user_id']).execute(),
  ]);
  const deskOf = new Map<string, string[]>();
  for (const m of members) {
    const list = deskOf.get(m.user_id) ?? [];
    list.push(m.desk_id);
    deskOf.set(m.user_id, list);
  }
  return {
    desks: desks.map((d): Desk => {
      const name = { 'zh-CN': d.name, en: d.name };
      const channel = d.kind === 'channel' ? channelOfDeskCode(d.code) : null;
      if (!channel) return { kind: 'topic', id: d.id, name };
      const plan = d.review_plan ? ReviewPlanSchema.safeParse(JSON.parse(d.review_plan)) : null;
      return plan?.success
        ? { kind: 'channel', id: d.id, name, channel, reviewPlan: plan.data }
        : { kind: 'channel', id: d.id, name, channel };
    }),
    people: users.map((u) => ({
      userId: u.id,
      name: (u.display_name || u.id).slice(0, 60),
      roles: [RoleSchema.parse(u.role)],
      desks: deskOf.get(u.id) ?? [],
      active: u.disabled_at === null,
    })),
  };
}
