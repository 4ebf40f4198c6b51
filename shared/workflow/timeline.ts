// A story's timeline in words: one line per event, in both languages, for
// the story's history panel and the audit report.
import { localized, renderMessage, type Localized } from '../domain/localized';
import type { ActorRef } from './roles';
import type { ChannelId } from './desks';
import type { WorkflowEvent } from './events';
import { CHANNEL_NAMES } from './names';

export interface TimelineEntry {
  at: string;
  actor: ActorRef;
  type: WorkflowEvent['type'];
  channel: ChannelId | null;
  text: Localized;
}

const SYSTEM_NAMES: Record<'scheduler' | 'publisher', Localized> = {
  scheduler: localized('定时发布程序', 'the scheduler'),
  publisher: localized('发布程序', 'the publisher'),
};

const T = {
  story_filed: localized('{actor}发稿到{desk}', '{actor} filed the story to {desk}'),
  story_sent_back: localized(
    '{actor}将稿件退回记者：{reason}',
    '{actor} sent the story back to the reporter: {reason}',
  ),
  variant_claimed: localized('{actor}认领了{channel}版本', '{actor} claimed the {channel} version'),
  assigned: localized('{actor}将{what}指派给{user}', '{actor} assigned {what} to {user}'),
  handed_over: localized('{actor}将{what}移交给{user}', '{actor} handed {what} over to {user}'),
  review_submitted: localized(
    '{actor}将{channel}版本送审',
    '{actor} submitted the {channel} version for review',
  ),
  signed_off: localized(
    '{actor}签发{channel}版本（{step}）',
    '{actor} signed off the {channel} version ({step})',
  ),
  sent_back: localized(
    '{actor}退回{channel}版本：{reason}',
    '{actor} sent the {channel} version back: {reason}',
  ),
  vetoed: localized(
    '{actor}否决了{channel}版本：{reason}',
    '{actor} vetoed the {channel} version: {reason}',
  ),
  proofread: localized(
    '{actor}完成{channel}版本第{round}校',
    '{actor} proofread the {channel} version (round {round})',
  ),
  scan_finding_overridden: localized(
    '{actor}批准放行{channel}版本机审项“{key}”：{reason}',
    '{actor} overrode scan finding “{key}” on the {channel} version: {reason}',
  ),
  scheduled: localized(
    '{actor}设定{channel}版本于{publishAt}发布',
    '{actor} scheduled the {channel} version for {publishAt}',
  ),
  unscheduled: localized(
    '{actor}取消了{channel}版本的定时发布',
    '{actor} unscheduled the {channel} version',
  ),
  published: localized('{actor}发布了{channel}版本', '{actor} published the {channel} version'),
  delivered: localized(
    '{channel}版本第{revision}次发布已送达{target}',
    'Revision {revision} of the {channel} version was delivered {target}',
  ),
  delivery_failed: localized(
    '{channel}版本第{revision}次发布投递失败：{error}',
    'Delivering revision {revision} of the {channel} version failed: {error}',
  ),
  corrected: localized(
    '{actor}更正了{channel}版本（第{revision}版）：{note}',
    '{actor} corrected the {channel} version (revision {revision}): {note}',
  ),
  spiked_story: localized('{actor}撤稿：{reason}', '{actor} spiked the story: {reason}'),
  spiked_variant: localized(
    '{actor}撤下{channel}版本：{reason}',
    '{actor} spiked the {channel} version: {reason}',
  ),
} satisfies Record<string, Localized>;

/** How a step id reads; plans carry localized step names, the log only ids. */
const STEP_NAMES: Record<string, Localized> = {
  first: localized('初审', 'first review'),
  second: localized('复审', 'second review'),
  final: localized('终审', 'final review'),
};

/**
 * One event as a sentence. `nameOf` turns a user id into a display name
 * (from the directory); unknown ids show as they are.
 */
export function describeEvent(
  e: WorkflowEvent,
  nameOf: (userId: string) => string = (id) => id,
): Localized {
  const actor: Localized =
    e.actor.kind === 'person'
      ? localized(nameOf(e.actor.userId), nameOf(e.actor.userId))
      : SYSTEM_NAMES[e.actor.name];
  const who = (id: string) => localized(nameOf(id), nameOf(id));
  const channelOf = (c: ChannelId | null): Record<string, Localized> =>
    c ? { channel: CHANNEL_NAMES[c] } : {};
  switch (e.type) {
    case 'story_filed':
      return renderMessage(T.story_filed, { desk: e.desk }, { actor });
    case 'story_sent_back':
      return renderMessage(T.story_sent_back, { reason: e.reason }, { actor });
    case 'variant_claimed':
      return renderMessage(T.variant_claimed, {}, { actor, ...channelOf(e.channel) });
    case 'assigned':
    case 'handed_over': {
      const what = e.channel
        ? localized(
            `${CHANNEL_NAMES[e.channel]['zh-CN']}版本`,
            `the ${CHANNEL_NAMES[e.channel].en} version`,
          )
        : localized('稿件', 'the story');
      const user = who(e.type === 'assigned' ? e.assignee : e.to);
      return renderMessage(
        e.type === 'assigned' ? T.assigned : T.handed_over,
        {},
        { actor, what, user },
      );
    }
    case 'review_submitted':
      return renderMessage(T.review_submitted, {}, { actor, ...channelOf(e.channel) });
    case 'signed_off':
      return renderMessage(
        T.signed_off,
        {},
        {
          actor,
          ...channelOf(e.channel),
          step: STEP_NAMES[e.step] ?? localized(e.step, e.step),
        },
      );
    case 'sent_back':
      return renderMessage(T.sent_back, { reason: e.reason }, { actor, ...channelOf(e.channel) });
    case 'vetoed':
      return renderMessage(T.vetoed, { reason: e.reason }, { actor, ...channelOf(e.channel) });
    case 'proofread':
      return renderMessage(T.proofread, { round: e.round }, { actor, ...channelOf(e.channel) });
    case 'scan_finding_overridden':
      return renderMessage(
        T.scan_finding_overridden,
        { key: e.key, reason: e.reason },
        { actor, ...channelOf(e.channel) },
      );
    case 'scheduled':
      return renderMessage(
        T.scheduled,
        { publishAt: e.publishAt },
        { actor, ...channelOf(e.channel) },
      );
    case 'unscheduled':
      return renderMessage(T.unscheduled, {}, { actor, ...channelOf(e.channel) });
    case 'published':
      return renderMessage(T.published, {}, { actor, ...channelOf(e.channel) });
    case 'delivery_recorded':
      return e.outcome === 'delivered'
        ? renderMessage(
            T.delivered,
            { revision: e.revision, target: e.target?.url ?? e.target?.externalId ?? '' },
            channelOf(e.channel),
          )
        : renderMessage(
            T.delivery_failed,
            { revision: e.revision, error: e.error ?? '' },
            channelOf(e.channel),
          );
    case 'corrected':
      return renderMessage(
        T.corrected,
        { revision: e.revision, note: e.note },
        { actor, ...channelOf(e.channel) },
      );
    case 'spiked':
      return e.channel
        ? renderMessage(T.spiked_variant, { reason: e.reason }, { actor, ...channelOf(e.channel) })
        : renderMessage(T.spiked_story, { reason: e.reason }, { actor });
  }
}

export function timeline(
  events: readonly WorkflowEvent[],
  nameOf?: (userId: string) => string,
): TimelineEntry[] {
  return events.map((e) => ({
    at: e.at,
    actor: e.actor,
    type: e.type,
    channel: 'channel' in e ? e.channel : null,
    text: describeEvent(e, nameOf),
  }));
}
