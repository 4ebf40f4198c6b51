// The shape every channel module shares (STYLE.md §8): rules as data, derive,
// validate, export. The workspace, problems panel and export service only
// talk to channels through these types and the registry in ./index.ts.
import type { z } from 'zod';
import type { MasterStory } from '../domain/master-story';
import type { DeriveOptions } from './common/clone';

export type Severity = 'block' | 'warn' | 'hint';
export const SEVERITY_ORDER: Record<Severity, number> = { block: 0, warn: 1, hint: 2 };

/** User-visible text in both UI languages. */
export interface Localized {
  'zh-CN': string;
  en: string;
}

export type RuleUnit =
  'chars' | 'weibo' | 'bytes' | 'zi' | 'count' | 'lines' | 'seconds' | 'ratio' | 'flag';

/**
 * One platform limit or house rule. Templates in `message` take `{name}`
 * placeholders filled from the problem's params (`{count}`, `{limit}`, …).
 */
export interface RuleSpec {
  /** The threshold the rule checks (a length, a count, a ratio); absent for yes/no rules. */
  value?: number;
  unit: RuleUnit;
  severity: Severity;
  /** The figure is the platform's practice or third-party guidance, not documented: say so. */
  uncertain?: boolean;
  /** Where the figure comes from (doc page or "platform practice"). */
  source?: string;
  /** What went wrong, with params. */
  message: Localized;
  /** The rule and how to fix it, one line. */
  fix: Localized;
}

export type RuleSet<Id extends string = string> = Record<Id, RuleSpec>;

/** A newsroom's overrides: change a figure or severity, or switch a rule off. */
export type RuleOverrides = Record<string, { value?: number; severity?: Severity; off?: boolean }>;

/** Where a problem sits, for click-to-jump. Offsets are UTF-16 into the field's (or block's) text. */
export interface ProblemLocation {
  /** The variant field: 'title', 'body', 'images', 'cover', 'script', … */
  field: string;
  /** Index in an array field: body block, image, shot, topic. */
  index?: number;
  start?: number;
  end?: number;
}

export interface Problem {
  channel: string;
  rule: string;
  severity: Severity;
  at: ProblemLocation;
  params: Record<string, string | number>;
  /** The message with params filled in. */
  text: Localized;
  /** The rule and how to fix it. */
  fix: Localized;
  /** The figure is platform practice, not documented. */
  uncertain: boolean;
}

/** A file an export produces. `asset` and `render` are resolved by the host (bytes, Node-only writers). */
export type ExportFile =
  | { kind: 'text'; path: string; mediaType: string; content: string }
  | { kind: 'bytes'; path: string; mediaType: string; content: Uint8Array }
  | {
      kind: 'asset';
      path: string;
      mediaType: string;
      imageId: string;
      /** Crop to apply when writing (fractions of the original). */
      crop?: { x1: number; y1: number; x2: number; y2: number };
    }
  | { kind: 'render'; path: string; mediaType: string; renderer: string; input: unknown };

/** Per-story settings a channel export or derivation needs from outside the story. */
export interface ChannelContext {
  /** The story's id, for tracked links and document URIs in exports. */
  storyId?: string;
  /** Tracked-link settings (see ./tracked-link.ts). */
  links?: { baseUrl: string; onlineUrl?: string };
  /** Rule overrides from the newsroom's settings. */
  overrides?: RuleOverrides;
  /** Per-channel settings keyed by channel id; each channel parses its own with its `settingsSchema`. */
  settings?: Record<string, unknown>;
  /** Instant the export is made (ISO 8601); defaults to now. */
  now?: string;
  /** Platform-side ids known after upload: WeChat media ids and image URLs by image id. */
  uploaded?: { thumbMediaId?: string; imageUrls?: Record<string, string> };
}

/**
 * How a variant is kept in its Yjs document (shared/variants/variant-doc.ts), so
 * desks edit it character by character like the master. Fields not named here
 * are plain values in the `fields` map, replaced whole when changed.
 */
export interface VariantDocLayout {
  /** Text fields, each a Y.Text (titles, digest, caption, the Weibo post's words). */
  text: readonly string[];
  /** The rich-text body (Block[]), kept as Lexical's XmlText at the document's `root`. */
  body?: string;
  /** Arrays of cards ({ text, … }) kept as a Y.Array of Y.Maps whose `text` is a Y.Text. */
  cards?: readonly string[];
}

export interface ChannelModule<V = unknown> {
  id: string;
  name: Localized;
  /** Validates the variant content (e.g. when loading it from storage). */
  schema: z.ZodType<V>;
  rules: RuleSet;
  /** The channel's settings (templates, counting options); `{}` parses to the defaults. */
  settingsSchema: z.ZodType;
  /** Master → this channel's first version. Deterministic: same master, same variant. */
  derive(master: MasterStory, ctx?: ChannelContext, opts?: DeriveOptions): V;
  /** Variant → problems. Never throws; bad input gives problems. */
  validate(variant: V, ctx?: ChannelContext): Problem[];
  /** Variant → files to write or post. */
  export(variant: V, ctx?: ChannelContext): ExportFile[];
  /** Which variant fields are derived from which master fields (for "原稿已更新" pull-ins). */
  derivedFrom: Record<string, readonly string[]>;
  /** Where each field lives in the variant's Yjs document. */
  docLayout: VariantDocLayout;
}
