// The channel registry: every channel module, in the order the workspace shows
// them. Adding a channel = one folder under shared/channels/ + one line in
// CHANNEL_MODULES. Nothing else in the code switches on a channel id.
//
// Public API (what the workspace and the host use):
//   CHANNELS / channelIds / getChannel(id)  — registered channels (type-erased: variants are `unknown`)
//   channel.derive(master, ctx)             — first version of the variant
//   channel.check(variant, ctx)             — schema check + validate → Problem[] (never throws)
//   channel.exportFiles(variant, ctx)       — ExportFile[] (text/bytes inline; asset/render for the host)
//   deriveAll(master, ctx, ids?)            — every enabled channel's variant
//   diffMaster / pullMasterChange           — from ./master-change ("原稿已更新")
// Typed modules: import { print } from '@shared/channels/print' etc.
import { app } from './app';
import { douyin } from './douyin';
import { print } from './print';
import type {
  ChannelContext,
  ChannelModule,
  ExportFile,
  Localized,
  Problem,
  RuleSet,
  VariantDocLayout,
} from './types';
import type { DeriveOptions } from './common/clone';
import { weibo } from './weibo';
import { wechat } from './wechat';

export interface RegisteredChannel {
  id: string;
  name: Localized;
  rules: RuleSet;
  module: ChannelModule<never>;
  docLayout: VariantDocLayout;
  derivedFrom: Record<string, readonly string[]>;
  derive(
    master: Parameters<ChannelModule['derive']>[0],
    ctx?: ChannelContext,
    opts?: DeriveOptions,
  ): unknown;
  /** Parses the variant with the channel's schema, then validates it. */
  check(variant: unknown, ctx?: ChannelContext): Problem[];
  /**
   * Validates a variant this channel's `derive` has just made, without the
   * schema parse: derive makes the schema's shape (tests/unit/channels), and
   * the parse copies every block, so caches kept per block object (WeChat's
   * HTML, copyfit's lines) would start from nothing on every check.
   */
  checkDerived(variant: unknown, ctx?: ChannelContext): Problem[];
  /** Parses the variant, then exports it; throws on a variant that does not parse. */
  exportFiles(variant: unknown, ctx?: ChannelContext): ExportFile[];
  /** Whether a stored variant has this channel's shape. */
  parse(variant: unknown): { ok: true; value: unknown } | { ok: false; problems: Problem[] };
}

function register<V>(m: ChannelModule<V>): RegisteredChannel {
  const parse = (variant: unknown): { ok: true; value: V } | { ok: false; problems: Problem[] } => {
    const r = m.schema.safeParse(variant);
    if (r.success) return { ok: true, value: r.data };
    return {
      ok: false,
      problems: r.error.issues.slice(0, 20).map((issue) => {
        const path = issue.path.map(String).join('.');
        return {
          channel: m.id,
          rule: 'schema',
          severity: 'block',
          at: {
            field: String(issue.path[0] ?? ''),
            index: typeof issue.path[1] === 'number' ? issue.path[1] : undefined,
          },
          params: { path },
          text: {
            'zh-CN': `版本数据不完整：${path || '（根）'}`,
            en: `Variant data is malformed at ${path || '(root)'}`,
          },
          fix: { 'zh-CN': '从原稿重新生成该版本。', en: 'Re-derive this variant from the master.' },
          uncertain: false,
        } satisfies Problem;
      }),
    };
  };
  const validateSafely = (value: V, ctx?: ChannelContext): Problem[] => {
    try {
      return m.validate(value, ctx);
    } catch (e) {
      // A validator bug must not take the problems panel down with it.
      return [
        {
          channel: m.id,
          rule: 'internal',
          severity: 'warn',
          at: { field: '' },
          params: { error: String(e) },
          text: { 'zh-CN': `检查出错：${String(e)}`, en: `Check failed: ${String(e)}` },
          fix: { 'zh-CN': '请报告此问题。', en: 'Please report this.' },
          uncertain: false,
        },
      ];
    }
  };
  return {
    id: m.id,
    name: m.name,
    rules: m.rules,
    docLayout: m.docLayout,
    derivedFrom: m.derivedFrom,
    module: m as unknown as ChannelModule<never>,
    derive: (master, ctx, opts) => m.derive(master, ctx, opts),
    check(variant, ctx) {
      const p = parse(variant);
      return p.ok ? validateSafely(p.value, ctx) : p.problems;
    },
    checkDerived: (variant, ctx) => validateSafely(variant as V, ctx),
    exportFiles(variant, ctx) {
      const p = parse(variant);
      if (!p.ok)
        throw new Error(`${m.id} variant does not parse: ${p.problems[0]?.params.path ?? ''}`);
      return m.export(p.value, ctx);
    },
    parse,
  };
}

/** The one list of channels. */
const CHANNEL_MODULES = [print, wechat, weibo, douyin, app] as const;

export const CHANNELS: readonly RegisteredChannel[] = CHANNEL_MODULES.map((m) =>
  register<never>(m as unknown as ChannelModule<never>),
);

export const channelIds: readonly string[] = CHANNELS.map((c) => c.id);

export function getChannel(id: string): RegisteredChannel | undefined {
  return CHANNELS.find((c) => c.id === id);
}

/** Every (or the named) channel's first variant. */
export function deriveAll(
  master: Parameters<ChannelModule['derive']>[0],
  ctx?: ChannelContext,
  ids: readonly string[] = channelIds,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of CHANNELS) if (ids.includes(c.id)) out[c.id] = c.derive(master, ctx);
  return out;
}

export type {
  ChannelContext,
  ChannelModule,
  ExportFile,
  Localized,
  Problem,
  ProblemLocation,
  RuleSet,
  RuleSpec,
  Severity,
  VariantDocLayout,
} from './types';
