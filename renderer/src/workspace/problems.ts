// The problems panel's logic: counts by severity and where a problem sits,
// in words a desk understands ("正文第 3 段，第 12 字").
import type { Problem, Severity } from '@shared/channels';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(problems: readonly Problem[] | undefined): SeverityCounts {
  const out: SeverityCounts = { block: 0, warn: 0, hint: 0 };
  for (const p of problems ?? []) out[p.severity]++;
  return out;
}

export interface Where {
  /** i18n key of the field's label, or null for the variant as a whole. */
  fieldKey: string | null;
  /** 1-based paragraph / item number. */
  item?: number;
  /** 1-based character position. */
  char?: number;
}

export function problemWhere(channel: string, p: Problem): Where {
  const at = p.at;
  return {
    fieldKey: at.field ? `variant.fields.${channel}.${at.field}` : null,
    item: at.index !== undefined ? at.index + 1 : undefined,
    char: at.start !== undefined ? at.start + 1 : undefined,
  };
}

/** Problems worth a desk's eye first: blocking ones, then warnings, then hints (already the channel's order). */
export function topProblems(problems: readonly Problem[], max: number): Problem[] {
  return problems.slice(0, max);
}
