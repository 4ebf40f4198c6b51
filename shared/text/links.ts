// Which link targets the editor keeps. javascript:, data: and the like are
// dropped wherever text comes from (paste, import, sync).
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

export function isSafeHref(href: string): boolean {
  try {
    return SAFE_SCHEMES.has(new URL(href.trim()).protocol);
  } catch {
    return false;
  }
}
