// Text a user reads, in both languages the app ships. Shared modules return
// these (or a code with params) so the server, the desktop app and the audit
// report all say the same thing in the reader's language.
import { z } from 'zod';

export const LocalizedSchema = z.object({
  'zh-CN': z.string(),
  en: z.string(),
});
export type Localized = z.infer<typeof LocalizedSchema>;

export function localized(zh: string, en: string): Localized {
  return { 'zh-CN': zh, en };
}

export type MessageParams = Record<string, string | number>;
export const MessageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

type Compiled = (string | { param: string })[];
const compiled = new Map<string, Compiled>();

/** A template split once into text and placeholders: pre-scans fill thousands of them. */
function compile(template: string): Compiled {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ param: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  if (compiled.size < 10_000) compiled.set(template, parts);
  return parts;
}

function fill(template: string, params: MessageParams): string {
  let out = '';
  for (const part of compile(template)) {
    if (typeof part === 'string') out += part;
    else out += part.param in params ? String(params[part.param]) : `{${part.param}}`;
  }
  return out;
}

/** Fills `{name}` placeholders in both languages. Unknown placeholders stay as written. */
export function fillLocalized(template: Localized, params: MessageParams): Localized {
  return { 'zh-CN': fill(template['zh-CN'], params), en: fill(template.en, params) };
}

/**
 * Fills a template where some params are codes that read differently in each
 * language (a channel, a stage): `display` gives their words per language;
 * the rest are filled as they are.
 */
export function renderMessage(
  template: Localized,
  params: MessageParams,
  display: Record<string, Localized> = {},
): Localized {
  const zh: MessageParams = Object.assign({}, params);
  const en: MessageParams = Object.assign({}, params);
  for (const k in display) {
    zh[k] = display[k]!['zh-CN'];
    en[k] = display[k]!.en;
  }
  return { 'zh-CN': fill(template['zh-CN'], zh), en: fill(template.en, en) };
}
