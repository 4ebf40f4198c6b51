// Turning rules (data) into problems: overrides from settings, message
// templates filled with params, severity ordering. Channel validators call
// `reporter(channel, rules, overrides)` and `report(ruleId, at, params)`.
import type { Localized, Problem, ProblemLocation, RuleOverrides, RuleSpec } from './types';
import { SEVERITY_ORDER } from './types';

/** Identity with a type check: rules keep their literal ids. */
export function defineRules<Id extends string>(rules: Record<Id, RuleSpec>): Record<Id, RuleSpec> {
  return rules;
}

/** The rules with a newsroom's overrides applied; rules switched off are left out. */
export function resolveRules<Id extends string>(
  rules: Record<Id, RuleSpec>,
  overrides: RuleOverrides | undefined,
  channel: string,
): Partial<Record<Id, RuleSpec>> {
  const out: Partial<Record<Id, RuleSpec>> = {};
  for (const id of Object.keys(rules) as Id[]) {
    const o = overrides?.[`${channel}.${id}`] ?? overrides?.[id];
    if (o?.off) continue;
    const base = rules[id];
    out[id] = o
      ? { ...base, value: o.value ?? base.value, severity: o.severity ?? base.severity }
      : base;
  }
  return out;
}

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

function fillLocalized(t: Localized, params: Record<string, string | number>): Localized {
  return { 'zh-CN': fill(t['zh-CN'], params), en: fill(t.en, params) };
}

export interface Reporter<Id extends string> {
  /** The rule as in force (after overrides), or undefined when switched off. */
  rule(id: Id): RuleSpec | undefined;
  /** The rule's threshold, after overrides. */
  limit(id: Id): number;
  report(id: Id, at: ProblemLocation, params?: Record<string, string | number>): void;
  problems(): Problem[];
}

export function reporter<Id extends string>(
  channel: string,
  rules: Record<Id, RuleSpec>,
  overrides?: RuleOverrides,
): Reporter<Id> {
  const active = resolveRules(rules, overrides, channel);
  const out: Problem[] = [];
  return {
    rule: (id) => active[id],
    limit: (id) => active[id]?.value ?? rules[id].value ?? Infinity,
    report(id, at, params = {}) {
      const r = active[id];
      if (!r) return;
      const p = { limit: r.value ?? '', ...params };
      out.push({
        channel,
        rule: id,
        severity: r.severity,
        at,
        params: p,
        text: fillLocalized(r.message, p),
        fix: fillLocalized(r.fix, p),
        uncertain: !!r.uncertain,
      });
    },
    problems: () => sortProblems(out),
  };
}

/** Blocking problems first, then warnings, then hints; stable within a severity. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => SEVERITY_ORDER[a.p.severity] - SEVERITY_ORDER[b.p.severity] || a.i - b.i)
    .map((x) => x.p);
}

/** Suffix for uncertain figures, so the text says the figure is the platform's practice. */
export const PRACTICE_NOTE: Localized = {
  'zh-CN': '（该数值为平台惯例，非官方文档）',
  en: ' (platform practice, not documented)',
};

/** Appends the practice note to a rule's message. */
export function practice(t: Localized): Localized {
  return { 'zh-CN': t['zh-CN'] + PRACTICE_NOTE['zh-CN'], en: t.en + PRACTICE_NOTE.en };
}
