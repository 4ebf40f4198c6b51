// What stands between a story and 终审 on authenticity grounds, and what a
// reviewer should look at: unverified required sources and claims, claims
// resting on nothing, images of unknown origin, AI images without a label.
import {
  fillLocalized,
  localized,
  renderMessage,
  type Localized,
  type MessageParams,
} from '../domain/localized';
import type { Severity } from '../scan/report';
import type { PublishableContent } from '../workflow/content-hash';
import type { ChannelId } from '../workflow/desks';
import { CHANNEL_NAMES } from '../workflow/names';
import type { AuthenticityRecord, ImageProvenance, Source, SyntheticKind } from './model';

export interface AuthenticityProblem {
  code: AuthenticityProblemCode;
  severity: Severity;
  subject: { kind: 'source' | 'claim' | 'image'; id: string };
  params: MessageParams;
  message: Localized;
}

const TEXTS = {
  source_unverified: localized('信源“{name}”尚未核实', 'Source “{name}” is not verified'),
  claim_unverified: localized('事实“{claim}”尚未核实', 'Claim “{claim}” is not verified'),
  claim_without_source: localized('事实“{claim}”没有对应的信源', 'Claim “{claim}” has no source'),
  claim_unknown_source: localized(
    '事实“{claim}”引用的信源已不存在',
    'Claim “{claim}” cites a source that no longer exists',
  ),
  claim_anonymous_only: localized(
    '事实“{claim}”只有匿名信源支撑，需有其他信源佐证',
    'Claim “{claim}” rests on anonymous sources only; corroborate it',
  ),
  source_unused: localized('信源“{name}”没有支撑任何事实', 'Source “{name}” supports no claim'),
  image_no_provenance: localized(
    '图片{asset}没有来源记录',
    'Image {asset} has no provenance record',
  ),
  image_no_credit: localized(
    '图片{asset}没有署名（摄影者或机构）',
    'Image {asset} has no photographer or agency',
  ),
  image_social_media: localized(
    '图片{asset}来自社交媒体，须核实真实性和版权',
    'Image {asset} comes from social media; verify it and the rights',
  ),
  image_old_capture: localized(
    '图片{asset}拍摄于{capturedAt}，请确认与本次报道相符',
    'Image {asset} was taken on {capturedAt}; check it shows this event',
  ),
  image_synthetic_label_missing: localized(
    '图片{asset}是{kind}，{channel}图说须标注“{label}”',
    'Image {asset} is {kind}; the {channel} caption must say “{label}”',
  ),
} satisfies Record<string, Localized>;

export type AuthenticityProblemCode = keyof typeof TEXTS;

function problem(
  code: AuthenticityProblemCode,
  severity: Severity,
  subject: AuthenticityProblem['subject'],
  params: MessageParams,
): AuthenticityProblem {
  return { code, severity, subject, params, message: fillLocalized(TEXTS[code], params) };
}

export function sourceName(s: Source): string {
  switch (s.kind) {
    case 'person':
      return [s.affiliation, s.title, s.name].filter(Boolean).join(' ');
    case 'organisation':
      return s.name;
    case 'document':
      return `《${s.title}》`;
    case 'anonymous':
      return s.description;
  }
}

function short(text: string): string {
  const chars = [...text];
  return chars.length > 24 ? chars.slice(0, 24).join('') + '…' : text;
}

export interface AuthenticityCheckOptions {
  /** ISO instant to judge image capture dates against. */
  now?: string;
  /** Images the story uses: each needs a provenance record. */
  imageAssetIds?: readonly string[];
  /** A photo taken longer ago than this is pointed out (default 30 days). */
  oldCaptureDays?: number;
}

/** Every problem, most serious first. */
export function authenticityProblems(
  record: AuthenticityRecord,
  options: AuthenticityCheckOptions = {},
): AuthenticityProblem[] {
  const out: AuthenticityProblem[] = [];
  const byId = new Map(record.sources.map((s) => [s.id, s]));
  const cited = new Set<string>();
  for (const s of record.sources) {
    if (!s.verification)
      out.push(
        problem(
          'source_unverified',
          s.required ? 'block' : 'hint',
          { kind: 'source', id: s.id },
          {
            name: sourceName(s),
          },
        ),
      );
  }
  for (const c of record.claims) {
    const subject = { kind: 'claim' as const, id: c.id };
    const params = { claim: short(c.text) };
    const linked = c.sourceIds.map((id) => byId.get(id));
    for (const id of c.sourceIds) cited.add(id);
    if (linked.some((s) => s === undefined))
      out.push(problem('claim_unknown_source', 'block', subject, params));
    const known = linked.filter((s): s is Source => s !== undefined);
    if (known.length === 0)
      out.push(problem('claim_without_source', c.required ? 'block' : 'warning', subject, params));
    else if (known.every((s) => s.kind === 'anonymous'))
      out.push(problem('claim_anonymous_only', 'warning', subject, params));
    if (!c.verification)
      out.push(problem('claim_unverified', c.required ? 'block' : 'warning', subject, params));
  }
  for (const s of record.sources)
    if (!cited.has(s.id) && record.claims.length > 0)
      out.push(
        problem('source_unused', 'hint', { kind: 'source', id: s.id }, { name: sourceName(s) }),
      );

  const provenance = new Map(record.images.map((i) => [i.assetId, i]));
  for (const id of options.imageAssetIds ?? [])
    if (!provenance.has(id))
      out.push(
        problem('image_no_provenance', 'warning', { kind: 'image', id }, { asset: short(id) }),
      );
  const maxAgeMs = (options.oldCaptureDays ?? 30) * 86_400_000;
  for (const img of record.images) {
    const subject = { kind: 'image' as const, id: img.assetId };
    const asset = short(img.assetId);
    if (img.synthetic === null && img.photographer.trim() === '' && img.agency.trim() === '')
      out.push(problem('image_no_credit', 'warning', subject, { asset }));
    if (img.origin === 'social_media')
      out.push(problem('image_social_media', 'warning', subject, { asset }));
    const taken = img.exif?.capturedAt ? Date.parse(img.exif.capturedAt) : NaN;
    const now = options.now ? Date.parse(options.now) : NaN;
    if (
      img.origin !== 'archive' &&
      Number.isFinite(taken) &&
      Number.isFinite(now) &&
      now - taken > maxAgeMs
    )
      out.push(
        problem('image_old_capture', 'hint', subject, {
          asset,
          capturedAt: img.exif!.capturedAt!.slice(0, 10),
        }),
      );
  }
  const rank: Record<Severity, number> = { block: 0, warning: 1, hint: 2 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** Problems that stop 终审: required sources or claims unverified, or resting on nothing. */
export function finalApprovalBlockers(record: AuthenticityRecord): AuthenticityProblem[] {
  return authenticityProblems(record).filter((p) => p.severity === 'block');
}

// ---- Labels for AI-generated images and illustrations ----

export const SYNTHETIC_KIND_NAMES: Record<SyntheticKind, Localized> = {
  ai_generated: localized('AI生成图片', 'an AI-generated image'),
  illustration: localized('示意图', 'an illustration'),
};

/** The label a Chinese caption carries by default (the copy is Chinese whatever the UI language). */
export const DEFAULT_SYNTHETIC_LABELS: Record<SyntheticKind, string> = {
  ai_generated: 'AI生成',
  illustration: '示意图',
};

/** The label this channel's caption must show for the image, or null for a real photograph. */
export function syntheticLabel(p: ImageProvenance, channel: ChannelId): string | null {
  if (!p.synthetic) return null;
  return p.captionLabels[channel] ?? DEFAULT_SYNTHETIC_LABELS[p.synthetic];
}

const LABEL_NOISE = /[\s\u3000()（）【】[\]「」“”"'：:·-]/gu;
function squash(s: string): string {
  return s.replace(LABEL_NOISE, '').toLowerCase();
}

export function captionHasLabel(caption: string, label: string): boolean {
  return squash(caption).includes(squash(label));
}

/** The caption with the label appended (（AI生成）), unless it already says so. */
export function labelledCaption(caption: string, p: ImageProvenance, channel: ChannelId): string {
  const label = syntheticLabel(p, channel);
  if (!label || captionHasLabel(caption, label)) return caption;
  const trimmed = caption.trimEnd();
  return trimmed ? `${trimmed}（${label}）` : `（${label}）`;
}

export interface CaptionLabelProblem extends AuthenticityProblem {
  /** Index of the image in content.images. */
  imageIndex: number;
  label: string;
}

/** AI-generated images and illustrations in this channel version whose caption does not say so. */
export function captionLabelProblems(
  content: PublishableContent,
  record: AuthenticityRecord,
): CaptionLabelProblem[] {
  const provenance = new Map(record.images.map((i) => [i.assetId, i]));
  const out: CaptionLabelProblem[] = [];
  content.images.forEach((img, imageIndex) => {
    const p = provenance.get(img.assetId);
    if (!p?.synthetic) return;
    const label = syntheticLabel(p, content.channel)!;
    if (captionHasLabel(img.caption, label)) return;
    const params = {
      asset: short(img.assetId),
      kind: p.synthetic,
      channel: content.channel,
      label,
    };
    const message = renderMessage(TEXTS.image_synthetic_label_missing, params, {
      kind: SYNTHETIC_KIND_NAMES[p.synthetic],
      channel: CHANNEL_NAMES[content.channel],
    });
    const base: AuthenticityProblem = {
      code: 'image_synthetic_label_missing',
      severity: 'block',
      subject: { kind: 'image', id: img.assetId },
      params,
      message,
    };
    out.push({ ...base, imageIndex, label });
  });
  return out;
}
