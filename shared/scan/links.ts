// Links to sites the newsroom has not verified. A domain on the list covers
// its subdomains (gov.cn covers www.moa.gov.cn).
import { isSafeHref } from '../text/links';
import { URL_RE, type RawFinding } from './raw-finding';

export function hostOf(href: string): string | null {
  try {
    const url = new URL(/^www\./i.test(href) ? `https://${href}` : href);
    return url.hostname.toLowerCase().replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

export function isVerifiedHost(host: string, verified: readonly string[]): boolean {
  return verified.some((d) => {
    const domain = d.toLowerCase().replace(/^\.+|\.+$/g, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

function judge(
  href: string,
  start: number,
  end: number,
  verified: readonly string[],
): RawFinding[] {
  const trimmed = href.trim();
  if (/^(mailto|tel):/i.test(trimmed)) return [];
  if (!/^www\./i.test(trimmed) && !isSafeHref(trimmed))
    return [
      {
        rule: 'link.unsafe',
        code: 'unsafe_link',
        severity: 'block',
        start,
        end,
        key: `link.unsafe:${trimmed}`,
      },
    ];
  const host = hostOf(trimmed);
  if (!host) return [];
  const out: RawFinding[] = [];
  if (!isVerifiedHost(host, verified))
    out.push({
      rule: 'link.unverified',
      code: 'unverified_link',
      severity: 'warning',
      start,
      end,
      params: { host },
      key: `link.unverified:${host}`,
    });
  if (/^http:/i.test(trimmed))
    out.push({
      rule: 'link.insecure',
      code: 'insecure_link',
      severity: 'hint',
      start,
      end,
      params: { host },
      key: `link.insecure:${host}`,
    });
  return out;
}

/** URLs written out in the text. */
export function checkLinksInText(text: string, verified: readonly string[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?)]+$/, '');
    out.push(...judge(url, m.index, m.index + url.length, verified));
  }
  return out;
}

/** A link target (an href behind link text); the range is the whole target. */
export function checkHref(href: string, verified: readonly string[]): RawFinding[] {
  return judge(href, 0, href.length, verified);
}
