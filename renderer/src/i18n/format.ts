// Dates and numbers in the reader's locale.
const dateTimeCache = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  let f = dateTimeCache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeCache.set(locale, f);
  }
  return f.format(new Date(iso));
}

const numberCache = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number, locale: string): string {
  // Making a formatter costs far more than using one; previews format numbers on every keystroke.
  let f = numberCache.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberCache.set(locale, f);
  }
  return f.format(n);
}

/** "刚刚 / 5 分钟前 / 3 小时前", falling back to the date after a day. */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const diff = (new Date(iso).getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(diff) < 60) return rtf.format(Math.round(diff), 'second');
  if (Math.abs(diff) < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (Math.abs(diff) < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return formatDateTime(iso, locale);
}
