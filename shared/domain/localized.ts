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

/** Fills `{name}` placeholders in both languages. Unknown placeholders stay as written. */
export function fillLocalized(template: Localized, params: MessageParams): Localized {
  const fill = (s: string) =>
    s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return { 'zh-CN': fill(template['zh-CN']), en: fill(template.en) };
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
  const zh: MessageParams = { ...params };
  const en: MessageParams = { ...params };
  for (const [k, v] of Object.entries(display)) {
    zh[k] = v['zh-CN'];
    en[k] = v.en;
  }
  return { 'zh-CN': fillLocalized(template, zh)['zh-CN'], en: fillLocalized(template, en).en };
}
