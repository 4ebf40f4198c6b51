// Print channel (报纸). Public API:
//   print                      — the ChannelModule (derive / validate / export / rules / schema)
//   printCopyfit(variant, ctx) — copyfit of a variant: lines used/available, overset, set lines per column
//   copyfit(input)             — the engine itself, for any text blocks and template
//   copyfitLines(fit, from, to) — a result's set lines in a range (the overset's first few)
//   printQrCodes(variant, ctx) — QR codes (SVG) with their tracked links
//   printDocument(variant)     — styled paragraphs (what ICML and DOCX carry)
//   BUILTIN_TEMPLATES, spanWidthZi, splitColumnWidthZi, findTemplate — page templates
import type { ChannelModule } from '../types';
import { derivePrint } from './derive';
import { exportPrint } from './export';
import { PRINT_RULES } from './rules';
import { PrintSettingsSchema, PrintVariantSchema, type PrintVariant } from './schema';
import { validatePrint } from './validate';

export const print: ChannelModule<PrintVariant> = {
  id: 'print',
  name: { 'zh-CN': '报纸', en: 'Print' },
  schema: PrintVariantSchema,
  settingsSchema: PrintSettingsSchema,
  rules: PRINT_RULES,
  derive: derivePrint,
  validate: validatePrint,
  export: exportPrint,
  docLayout: { text: ['kicker', 'headline', 'subheadline', 'byline', 'dateline'], body: 'body' },
  derivedFrom: {
    kicker: ['kicker'],
    headline: ['headline'],
    subheadline: ['subheadline'],
    byline: ['byline'],
    dateline: ['dateline'],
    body: ['body'],
    photos: ['images'],
  },
};

export {
  copyfit,
  copyfitLines,
  type CopyfitInput,
  type CopyfitResult,
  type SetLine,
  type CopyBlock,
} from './copyfit';
export { printCopyfit, copyBlocks } from './layout';
export { printQrCodes, type PrintQr } from './export';
export {
  printDocument,
  PRINT_STYLE_NAMES,
  type PrintDocument,
  type PrintParagraph,
} from './document';
export { toIcml } from './icml';
export {
  BUILTIN_TEMPLATES,
  PrintTemplateSchema,
  findTemplate,
  spanWidthZi,
  splitColumnWidthZi,
  type PrintTemplate,
} from './templates';
export { PRINT_RULES, type PrintRuleId } from './rules';
export {
  PrintVariantSchema,
  PrintSettingsSchema,
  type PrintVariant,
  type PrintSettings,
} from './schema';
