// An audit report for one story: every entry the log holds for it, in words,
// with a summary (filed, reviewed, published, corrected, overridden, spiked)
// and the chain check, as data and as Markdown for export or printing.
import { localized, type Localized } from '../domain/localized';
import { WorkflowEventSchema } from '../workflow/events';
import { CHANNEL_NAMES } from '../workflow/names';
import { describeEvent } from '../workflow/timeline';
import type { ActorRef } from '../workflow/roles';
import type { AuditEntry, ChainVerification } from './chain';

export interface AuditReportLine {
  seq: number;
  at: string;
  actor: ActorRef;
  type: string;
  text: Localized;
  hash: string;
}

export interface AuditReport {
  storyId: string;
  generatedAt: string;
  lines: AuditReportLine[];
  summary: {
    filedAt: string | null;
    signOffs: number;
    sendBacks: number;
    overrides: number;
    publications: { channel: string; revision: number; at: string; contentHash: string }[];
    spikedAt: string | null;
  };
  /** The whole log's chain check, when the caller ran it. */
  chain: ChainVerification | null;
}

function describe(entry: AuditEntry, nameOf: (id: string) => string): Localized {
  if (entry.type.startsWith('workflow.')) {
    const parsed = WorkflowEventSchema.safeParse(entry.data);
    if (parsed.success) return describeEvent(parsed.data, nameOf);
  }
  const who = entry.actor.kind === 'person' ? nameOf(entry.actor.userId) : entry.actor.name;
  return localized(`${who}：${entry.type}`, `${who}: ${entry.type}`);
}

export function storyAuditReport(
  storyId: string,
  entries: readonly AuditEntry[],
  options: {
    generatedAt: string;
    nameOf?: (userId: string) => string;
    chain?: ChainVerification | null;
  },
): AuditReport {
  const nameOf = options.nameOf ?? ((id: string) => id);
  const mine = entries.filter((e) => e.storyId === storyId);
  const summary: AuditReport['summary'] = {
    filedAt: null,
    signOffs: 0,
    sendBacks: 0,
    overrides: 0,
    publications: [],
    spikedAt: null,
  };
  for (const e of mine) {
    const d = e.data as { channel?: string; revision?: number; contentHash?: string };
    switch (e.type) {
      case 'workflow.story_filed':
        summary.filedAt ??= e.at;
        break;
      case 'workflow.signed_off':
        summary.signOffs++;
        break;
      case 'workflow.sent_back':
      case 'workflow.story_sent_back':
        summary.sendBacks++;
        break;
      case 'workflow.scan_finding_overridden':
        summary.overrides++;
        break;
      case 'workflow.published':
      case 'workflow.corrected':
        summary.publications.push({
          channel: d.channel ?? '',
          revision: d.revision ?? 1,
          at: e.at,
          contentHash: d.contentHash ?? '',
        });
        break;
      case 'workflow.spiked':
        if (d.channel === null) summary.spikedAt = e.at;
        break;
    }
  }
  return {
    storyId,
    generatedAt: options.generatedAt,
    lines: mine.map((e) => ({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      type: e.type,
      text: describe(e, nameOf),
      hash: e.hash,
    })),
    summary,
    chain: options.chain ?? null,
  };
}

const LABELS = {
  title: localized('稿件审计报告', 'Story audit report'),
  story: localized('稿件', 'Story'),
  generated: localized('生成时间', 'Generated'),
  chain: localized('日志链校验', 'Log chain check'),
  chainOk: localized(
    '完整（{count}条记录，末尾哈希 {head}）',
    'intact ({count} entries, head {head})',
  ),
  chainBad: localized('不完整：{message}', 'BROKEN: {message}'),
  chainNone: localized('未校验', 'not checked'),
  summary: localized('概要', 'Summary'),
  filed: localized('发稿时间', 'Filed'),
  signOffs: localized('签发次数', 'Sign-offs'),
  sendBacks: localized('退回次数', 'Sent back'),
  overrides: localized('机审放行', 'Scan overrides'),
  published: localized('发布', 'Published'),
  spiked: localized('撤稿时间', 'Spiked'),
  revision: localized('第{revision}版', 'revision {revision}'),
  history: localized('全部记录', 'Every entry'),
  columns: localized('| 序号 | 时间 | 事项 | 哈希 |', '| # | Time | What happened | Hash |'),
  none: localized('无', 'none'),
} satisfies Record<string, Localized>;

/** Markdown table cells must not break the table. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderAuditReportMarkdown(report: AuditReport, locale: 'zh-CN' | 'en'): string {
  const L = (k: keyof typeof LABELS, params: Record<string, string | number> = {}) =>
    LABELS[k][locale].replace(/\{(\w+)\}/g, (m, p: string) =>
      p in params ? String(params[p]) : m,
    );
  const s = report.summary;
  const chain = report.chain
    ? report.chain.ok
      ? L('chainOk', { count: report.chain.count, head: report.chain.head.slice(0, 16) })
      : L('chainBad', { message: report.chain.message[locale] })
    : L('chainNone');
  const pubs = s.publications.length
    ? s.publications
        .map((p) => {
          const channel =
            CHANNEL_NAMES[p.channel as keyof typeof CHANNEL_NAMES]?.[locale] ?? p.channel;
          return `${channel} ${L('revision', { revision: p.revision })} ${p.at} \`${p.contentHash.slice(0, 16)}\``;
        })
        .join('; ')
    : L('none');
  const out = [
    `# ${L('title')}`,
    '',
    `- ${L('story')}: \`${report.storyId}\``,
    `- ${L('generated')}: ${report.generatedAt}`,
    `- ${L('chain')}: ${chain}`,
    '',
    `## ${L('summary')}`,
    '',
    `- ${L('filed')}: ${s.filedAt ?? L('none')}`,
    `- ${L('signOffs')}: ${s.signOffs}`,
    `- ${L('sendBacks')}: ${s.sendBacks}`,
    `- ${L('overrides')}: ${s.overrides}`,
    `- ${L('published')}: ${pubs}`,
    `- ${L('spiked')}: ${s.spikedAt ?? L('none')}`,
    '',
    `## ${L('history')}`,
    '',
    L('columns'),
    '| --- | --- | --- | --- |',
    ...report.lines.map(
      (l) => `| ${l.seq} | ${l.at} | ${cell(l.text[locale])} | \`${l.hash.slice(0, 12)}\` |`,
    ),
  ];
  return out.join('\n') + '\n';
}
