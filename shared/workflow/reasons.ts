// Why a command was refused: a stable code for programs, params for the UI,
// and the sentence in both languages for people.
import { z } from 'zod';
import {
  LocalizedSchema,
  MessageParamsSchema,
  localized,
  renderMessage,
  type Localized,
  type MessageParams,
} from '../domain/localized';

const TEMPLATES = {
  invalid_command: localized(
    '操作内容不完整或格式不对：{detail}',
    'The command is malformed: {detail}',
  ),
  wrong_story: localized('这个操作属于另一篇稿件', 'The command is for another story'),
  duplicate_command: localized(
    '这个操作已经执行过了（重复提交）',
    'This command was already applied',
  ),
  invalid_state: localized(
    '稿件现在是“{stage}”状态，不能“{command}”',
    'The story is {stage}; it cannot {command} now',
  ),
  inactive_user: localized('账号{user}已停用或不存在', 'The account {user} is disabled or unknown'),
  forbidden: localized('你没有“{command}”的权限', 'You are not allowed to {command} here'),
  not_owner: localized('只有稿件作者可以发稿', 'Only the author can file this story'),
  not_assignee: localized(
    '只有当前负责人可以移交',
    'Only the person it is assigned to can hand it over',
  ),
  no_content: localized(
    '没有拿到{channel}版本的当前内容，请稍后重试',
    'The current {channel} content is not available; try again',
  ),
  stale_content: localized(
    '你看到的内容已被修改，请查看最新内容后再操作',
    'The content has changed since you looked at it; review the latest version and try again',
  ),
  unknown_desk: localized('没有“{desk}”这个部门', 'There is no desk “{desk}”'),
  not_topic_desk: localized(
    '稿件只能发到采编部门，“{desk}”不是',
    'Stories are filed to a topic desk; “{desk}” is not one',
  ),
  not_channel_desk: localized(
    '“{desk}”不是{channel}的渠道部门',
    '“{desk}” is not a desk for {channel}',
  ),
  already_claimed: localized('{channel}版本已被认领', 'The {channel} version is already claimed'),
  variants_claimed: localized(
    '已有渠道认领了这篇稿件，不能再退给记者；请在各渠道版本中退回',
    'Desks have already claimed versions; send back the versions instead',
  ),
  assignee_not_eligible: localized(
    '{user}不能接手：须是该部门在岗的编辑',
    '{user} cannot take this: they must be an active editor on the desk',
  ),
  already_assigned: localized('已经由{user}负责', 'It is already assigned to {user}'),
  no_pending_step: localized(
    '所有审核步骤都已签发当前内容',
    'Every review step has signed off the current content',
  ),
  wrong_step: localized(
    '现在应进行“{expected}”，不是“{step}”',
    'The next step is {expected}, not {step}',
  ),
  same_reviewer: localized(
    '三审须由不同的人完成：你已签发本稿的“{signed}”',
    'Each review step needs a different person: you signed {signed} of this content',
  ),
  sources_unverified: localized(
    '有{count}个必需的信源或事实尚未核实，不能终审',
    '{count} required sources or claims are unverified; final approval is not possible',
  ),
  scan_missing: localized(
    '当前内容还没有机审报告，请先运行机审',
    'There is no machine pre-scan of the current content; run the scan first',
  ),
  scan_blocking: localized(
    '机审发现{count}处禁止发布的问题，须修改或由部门主任批准放行',
    'The pre-scan found {count} blocking problems; fix them or have a desk head override them',
  ),
  unknown_finding: localized(
    '当前机审报告中没有这一禁发项',
    'The current scan report has no such blocking finding',
  ),
  not_overridable: localized(
    '这一项按规定不能放行，必须修改',
    'This finding cannot be overridden; it must be fixed',
  ),
  finding_count_changed: localized(
    '这一项现在出现{current}处，与你看到的不同，请重新查看',
    'This finding now occurs {current} times, not as you saw it; look again',
  ),
  already_overridden: localized('这一项已获批准放行', 'This finding is already overridden'),
  already_proofread: localized(
    '当前内容已完成第{round}校',
    'Round {round} of proofreading already covers this content',
  ),
  review_incomplete: localized(
    '审核未完成：{steps}尚未签发当前内容',
    'Review is not complete: {steps} has not signed off the current content',
  ),
  proofreading_incomplete: localized(
    '校对未完成：需要{required}个校次，最后一校须针对当前内容',
    'Proofreading is not complete: {required} rounds are needed, the last on the current content',
  ),
  proofread_out_of_order: localized(
    '应先完成第{expected}校',
    'Round {expected} of proofreading comes first',
  ),
  embargo: localized(
    '稿件禁发至{embargo}，在此之前不得发布',
    'The story is embargoed until {embargo}',
  ),
  schedule_in_past: localized('定时发布时间须晚于现在', 'The scheduled time must be in the future'),
  not_due: localized(
    '还没到定时发布时间（{publishAt}）',
    'It is not yet time to publish ({publishAt})',
  ),
  unchanged: localized(
    '内容与已发布的版本相同，无需更正',
    'The content is the same as published; nothing to correct',
  ),
  unknown_revision: localized(
    '没有第{revision}次发布',
    'There is no publication revision {revision}',
  ),
  already_delivered: localized(
    '第{revision}次发布已经投递成功，不会重复发布',
    'Revision {revision} was already delivered; it will not be published twice',
  ),
} satisfies Record<string, Localized>;

export type ReasonCode = keyof typeof TEMPLATES;
export const REASON_CODES = Object.keys(TEMPLATES) as ReasonCode[];

export const ReasonSchema = z.object({
  code: z.enum(REASON_CODES as [ReasonCode, ...ReasonCode[]]),
  params: MessageParamsSchema,
  message: LocalizedSchema,
});
export type Reason = z.infer<typeof ReasonSchema>;

/**
 * A refusal. `params` keep the raw values (codes, ids) for programs;
 * `display` gives the words to show for any of them in each language.
 */
export function reason(
  code: ReasonCode,
  params: MessageParams = {},
  display: Record<string, Localized> = {},
): Reason {
  return { code, params, message: renderMessage(TEMPLATES[code], params, display) };
}
