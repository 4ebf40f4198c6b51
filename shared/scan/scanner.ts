// The machine pre-scan (机审): compile the newsroom's lists once, then scan a
// channel version (fields, paragraphs, captions, link targets) into a report
// whose findings point at exact ranges the editor can highlight.
import {
  captionLabelProblems,
  labelledCaption,
  SYNTHETIC_KIND_NAMES,
} from '../authenticity/checks';
import type { AuthenticityRecord } from '../authenticity/model';
import { renderMessage } from '../domain/localized';
import { sha256Hex } from '../hashing/sha256';
import type { Block, Run } from '../body/blocks';
import { contentHash, type PublishableContent } from '../workflow/content-hash';
import type { AutomatonStats } from './aho-corasick';
import { checkHref, checkLinksInText } from './links';
import { FINDING_TEXTS } from './messages';
import { checkNumbers } from './numbers';
import { checkPunctuation } from './punctuation';
import { protectedSpans, type RawFinding } from './raw-finding';
import {
  countSeverities,
  SCAN_FORMAT,
  type Finding,
  type ScanReport,
  type Severity,
} from './report';
import { TermMatcher } from './term-matcher';
import {
  categoryName,
  SEVERITY_NAMES,
  type SensitiveEntry,
  type SensitiveList,
  type TypoEntry,
  type TypoList,
} from './word-list';

export interface ScanConfig {
  sensitive: SensitiveList;
  typos: TypoList;
  /** Domains whose links need no check (a domain covers its subdomains). */
  verifiedDomains: readonly string[];
}

export const DEFAULT_VERIFIED_DOMAINS = [
  'gov.cn',
  'news.cn',
  'xinhuanet.com',
  'people.com.cn',
  'cctv.com',
  'chinanews.com.cn',
];

/** A piece of a channel version the scan reads: a field, a paragraph, a caption, a link target. */
export interface ScanSegment {
  /** Where it is: field:headline, block:3, block:5.1 (list item), image:0:caption, link:block:3:1. */
  id: string;
  kind: 'field' | 'body' | 'caption' | 'credit' | 'link';
  text: string;
}

export interface ScanOptions {
  /** The content hash the report is for (scanContent computes it). */
  contentHash?: string | null;
}

export interface Scanner {
  rulesHash: string;
  stats: { sensitive: AutomatonStats; typos: AutomatonStats };
  scanSegments(segments: readonly ScanSegment[], options?: ScanOptions): ScanReport;
  /** Scans a channel version; with the authenticity record, also checks AI/illustration caption labels. */
  scanContent(
    content: PublishableContent,
    options?: ScanOptions & { authenticity?: AuthenticityRecord },
  ): ScanReport;
}

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, warning: 1, block: 2 };

export function createScanner(config: ScanConfig): Scanner {
  const sensitive = TermMatcher.build<SensitiveEntry>(
    config.sensitive.entries.map((e) => ({ text: e.term, entry: e })),
    config.sensitive.whitelist,
    'loose',
    (e) => SEVERITY_RANK[e.severity],
  );
  const typos = TermMatcher.build<TypoEntry>(
    config.typos.entries.map((e) => ({ text: e.wrong, entry: e })),
    config.typos.whitelist,
    'strict',
  );
  const verified = [...config.verifiedDomains];
  const rulesHash = rulesHashOf(config);

  function rawFindings(seg: ScanSegment, next: ScanSegment | undefined): RawFinding[] {
    if (seg.kind === 'link') return checkHref(seg.text, verified);
    const out: RawFinding[] = [];
    for (const hit of sensitive.match(seg.text)) {
      const e = hit.entry;
      out.push({
        rule: 'sensitive',
        code: e.suggestion ? 'sensitive_term_suggest' : 'sensitive_term',
        severity: e.severity,
        start: hit.start,
        end: hit.end,
        category: e.category,
        key: `sensitive:${e.term}`,
        params: {
          term: e.term,
          category: e.category,
          severity: e.severity,
          ...(e.suggestion ? { suggestion: e.suggestion } : {}),
        },
        display: { category: categoryName(e.category), severity: SEVERITY_NAMES[e.severity] },
        ...(e.suggestion ? { suggestion: e.suggestion } : {}),
      });
    }
    for (const hit of typos.match(seg.text))
      out.push({
        rule: 'typo',
        code: 'typo',
        severity: 'warning',
        start: hit.start,
        end: hit.end,
        key: `typo:${hit.entry.wrong}`,
        params: { wrong: hit.entry.wrong, ...(hit.entry.note ? { note: hit.entry.note } : {}) },
        suggestion: hit.entry.right,
      });
    if (seg.kind === 'credit') return out;
    const protect = protectedSpans(seg.text);
    const nextOpensQuote =
      seg.kind === 'body' && next?.kind === 'body' && next.text.trimStart().startsWith('“');
    out.push(...checkPunctuation(seg.text, { protect, nextOpensQuote }));
    out.push(...checkNumbers(seg.text, protect));
    out.push(...checkLinksInText(seg.text, verified));
    return out;
  }

  function finish(findings: Finding[], hash: string | null): ScanReport {
    return {
      format: SCAN_FORMAT,
      contentHash: hash,
      rulesHash,
      findings,
      counts: countSeverities(findings),
    };
  }

  function scanSegments(segments: readonly ScanSegment[]): Finding[] {
    const findings: Finding[] = [];
    segments.forEach((seg, i) => {
      const raw = rawFindings(seg, segments[i + 1]).sort(
        (a, b) => a.start - b.start || a.end - b.end,
      );
      for (const r of raw) {
        const text = seg.text.slice(r.start, r.end);
        const params = {
          text,
          ...r.params,
          ...(r.suggestion !== undefined ? { suggestion: r.suggestion } : {}),
        };
        const finding: Finding = {
          id: `${r.rule}@${seg.id}:${r.start}`,
          key: r.key ?? `${r.rule}:${text}`,
          rule: r.rule,
          severity: r.severity,
          overridable: r.overridable ?? true,
          range: { segment: seg.id, start: r.start, end: r.end },
          text,
          code: r.code,
          params,
          message: renderMessage(FINDING_TEXTS[r.code], params, r.display),
        };
        if (r.category !== undefined) finding.category = r.category;
        if (r.suggestion !== undefined) finding.suggestion = r.suggestion;
        findings.push(finding);
      }
    });
    return findings;
  }

  return {
    rulesHash,
    stats: { sensitive: sensitive.stats, typos: typos.stats },
    scanSegments: (segments, options = {}) =>
      finish(scanSegments(segments), options.contentHash ?? null),
    scanContent(content, options = {}) {
      const findings = scanSegments(segmentsOfContent(content));
      if (options.authenticity) {
        for (const p of captionLabelProblems(content, options.authenticity)) {
          const img = content.images[p.imageIndex]!;
          const provenance = options.authenticity.images.find((x) => x.assetId === img.assetId)!;
          const params = { text: img.caption, label: p.label, kind: provenance.synthetic! };
          findings.push({
            id: `image.synthetic_label@image:${p.imageIndex}:caption`,
            key: `image.synthetic_label:${img.assetId}`,
            rule: 'image.synthetic_label',
            severity: 'block',
            // A legal requirement (AI-generated content must be labelled): no one may wave it through.
            overridable: false,
            range: { segment: `image:${p.imageIndex}:caption`, start: 0, end: img.caption.length },
            text: img.caption,
            code: 'synthetic_image_label',
            params,
            message: renderMessage(FINDING_TEXTS.synthetic_image_label, params, {
              kind: SYNTHETIC_KIND_NAMES[provenance.synthetic!],
            }),
            suggestion: labelledCaption(img.caption, provenance, content.channel),
          });
        }
      }
      return finish(
        findings,
        options.contentHash === undefined ? contentHash(content) : options.contentHash,
      );
    },
  };
}

/**
 * Which lists and settings a report applied. A line per entry rather than
 * canonical JSON: a 50,000-term list hashes in milliseconds, not a second.
 */
export function rulesHashOf(config: ScanConfig): string {
  const lines = [SCAN_FORMAT];
  for (const e of config.sensitive.entries)
    lines.push(`s\t${e.term}\t${e.category}\t${e.severity}\t${e.suggestion ?? ''}`);
  for (const w of config.sensitive.whitelist) lines.push(`sw\t${w}`);
  for (const e of config.typos.entries) lines.push(`t\t${e.wrong}\t${e.right}\t${e.note ?? ''}`);
  for (const w of config.typos.whitelist) lines.push(`tw\t${w}`);
  for (const d of config.verifiedDomains) lines.push(`d\t${d}`);
  return sha256Hex(lines.join('\n'));
}

function runsSegments(id: string, runs: readonly Run[], out: ScanSegment[]): void {
  out.push({ id, kind: 'body', text: runs.map((r) => r.text).join('') });
  runs.forEach((r, i) => {
    if (r.href !== undefined) out.push({ id: `link:${id}:${i}`, kind: 'link', text: r.href });
  });
}

function listSegments(
  prefix: string,
  list: Extract<Block, { type: 'list' }>,
  out: ScanSegment[],
): void {
  list.items.forEach((item, j) => {
    runsSegments(`${prefix}.${j}`, item.runs, out);
    item.lists?.forEach((sub, k) => listSegments(`${prefix}.${j}.${k}`, sub, out));
  });
}

/** The parts of a channel version, in reading order, with the ids findings point at. */
export function segmentsOfContent(content: PublishableContent): ScanSegment[] {
  const out: ScanSegment[] = [];
  for (const [name, text] of Object.entries(content.fields).sort(([a], [b]) => a.localeCompare(b)))
    if (text) out.push({ id: `field:${name}`, kind: 'field', text });
  content.body.forEach((block, i) => {
    if (block.type === 'hr') return;
    if (block.type === 'list') listSegments(`block:${i}`, block, out);
    else runsSegments(`block:${i}`, block.runs, out);
  });
  content.images.forEach((img, i) => {
    if (img.caption) out.push({ id: `image:${i}:caption`, kind: 'caption', text: img.caption });
    if (img.credit) out.push({ id: `image:${i}:credit`, kind: 'credit', text: img.credit });
  });
  return out;
}
