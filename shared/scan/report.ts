// The machine pre-scan's (机审) report: findings with the rule that raised
// them, how serious they are, where they are, what to do about them. A review
// carries the report; a blocking finding must be fixed or overridden by a desk
// head before the version can pass 终审 or be published.
import { z } from 'zod';
import { LocalizedSchema, MessageParamsSchema } from '../domain/localized';
import { Sha256HexSchema } from '../hashing/sha256';

export const SEVERITIES = ['block', 'warning', 'hint'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
/** block: must be fixed or overridden before publishing; warning: a reviewer should look; hint: style advice. */
export type Severity = z.infer<typeof SeveritySchema>;

/** UTF-16 offsets into one segment's text (a field, a paragraph, a caption, a link target). */
export const FindingRangeSchema = z.object({
  segment: z.string().min(1).max(200),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type FindingRange = z.infer<typeof FindingRangeSchema>;

export const FindingSchema = z.object({
  /** Unique within the report. */
  id: z.string(),
  /**
   * What an override names: the rule and the normalised matched text. An
   * override of a key covers as many occurrences as it was given for, so a
   * later, extra occurrence blocks again.
   */
  key: z.string().min(1).max(300),
  rule: z.string(),
  category: z.string().optional(),
  severity: SeveritySchema,
  /** False for findings the law or the newsroom does not let anyone wave through (an unlabelled AI image). */
  overridable: z.boolean(),
  range: FindingRangeSchema,
  /** The original text the finding covers. */
  text: z.string(),
  code: z.string(),
  params: MessageParamsSchema,
  message: LocalizedSchema,
  /** Replacement text for `range`, when there is an obvious one. */
  suggestion: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const SCAN_FORMAT = 'rongmei/scan/v1';

export const SeverityCountsSchema = z.object({
  block: z.number().int().min(0),
  warning: z.number().int().min(0),
  hint: z.number().int().min(0),
});
export type SeverityCounts = z.infer<typeof SeverityCountsSchema>;

export const ScanReportSchema = z.object({
  format: z.literal(SCAN_FORMAT),
  /** Hash of the content scanned; a report for another hash says nothing about the current text. */
  contentHash: Sha256HexSchema.nullable(),
  /** Hash of the word lists and settings used, so a report says which lists it applied. */
  rulesHash: Sha256HexSchema,
  findings: z.array(FindingSchema),
  counts: SeverityCountsSchema,
});
export type ScanReport = z.infer<typeof ScanReportSchema>;

/** A desk head's decision that a blocking finding may stand, with the reason (audited). */
export const ScanOverrideSchema = z.object({
  key: z.string().min(1).max(300),
  occurrences: z.number().int().min(1),
  reason: z.string().min(1).max(2000),
});
export type ScanOverride = z.infer<typeof ScanOverrideSchema>;

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const c: SeverityCounts = { block: 0, warning: 0, hint: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Blocking findings grouped by override key, with how many times each occurs. */
export function blockingKeys(report: ScanReport): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.severity !== 'block') continue;
    const list = out.get(f.key);
    if (list) list.push(f);
    else out.set(f.key, [f]);
  }
  return out;
}

/** Blocking findings that no override covers: what still stands between the version and publishing. */
export function unresolvedBlocking(
  report: ScanReport,
  overrides: readonly Pick<ScanOverride, 'key' | 'occurrences'>[],
): Finding[] {
  const allowed = new Map<string, number>();
  for (const o of overrides) allowed.set(o.key, Math.max(allowed.get(o.key) ?? 0, o.occurrences));
  const out: Finding[] = [];
  for (const [key, list] of blockingKeys(report)) {
    if (list.length > (allowed.get(key) ?? 0)) out.push(...list);
  }
  return out;
}
