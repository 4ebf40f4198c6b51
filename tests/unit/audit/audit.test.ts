import { describe, expect, it } from 'vitest';
import {
  AuditEntrySchema,
  GENESIS_HASH,
  appendEntry,
  canonicalEntry,
  entryHash,
  parseNdjson,
  renderAuditReportMarkdown,
  storyAuditReport,
  toNdjson,
  verifyChain,
  workflowEntry,
  type AuditEntry,
} from '@shared/audit';
import { sha256Hex } from '@shared/hashing/sha256';
import { main, verifyAuditText } from '../../../scripts/audit-verify';
import { Harness, STORY_ID, directory } from '../workflow/fixtures';

const nameOf = (id: string) => directory.people.find((p) => p.userId === id)?.name ?? id;

/** The audit log of one story's path from filing to publication, plus an entry for another story. */
function log(): AuditEntry[] {
  const h = new Harness().approved();
  h.publish();
  const entries: AuditEntry[] = [];
  for (const e of h.events) entries.push(appendEntry(entries.at(-1) ?? null, workflowEntry(e)));
  entries.push(
    appendEntry(entries.at(-1)!, {
      at: '2026-11-18T03:00:00.000Z',
      storyId: '0196f3a2-7c41-7d2e-9a10-3b5c2d1e4f99',
      actor: { kind: 'person', userId: 'sun.editor' },
      type: 'authenticity.verify_source',
      data: { op: 'verify_source', id: 'bureau', method: 'document', note: '' },
    }),
  );
  return entries;
}

describe('hash-chained audit log', () => {
  it('each hash is SHA-256 of the previous hash followed by the canonical entry', () => {
    const entries = log();
    const first = entries[0]!;
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.seq).toBe(1);
    expect(first.hash).toBe(sha256Hex(GENESIS_HASH + canonicalEntry(first)));
    expect(entries[1]!.prevHash).toBe(first.hash);
    expect(entryHash(entries[1]!.prevHash, entries[1]!)).toBe(entries[1]!.hash);
    for (const e of entries) expect(AuditEntrySchema.parse(e)).toEqual(e);
    expect(verifyChain(entries)).toEqual({
      ok: true,
      count: entries.length,
      head: entries.at(-1)!.hash,
    });
  });

  it('reports the first broken link, whatever was done to the log', () => {
    const entries = log();
    const verdict = (xs: unknown[], opts = {}) => {
      const v = verifyChain(xs, opts);
      return v.ok ? 'ok' : `${v.code}@${v.index}`;
    };
    // Someone edits the reason of a sign-off in place.
    const edited = structuredClone(entries);
    (edited[5]!.data as { comment: string }).comment = '不同意';
    expect(verdict(edited)).toBe('bad_hash@5');
    // ...and recomputes that entry's hash to cover it up: the next entry no longer links.
    edited[5]!.hash = entryHash(edited[5]!.prevHash, edited[5]!);
    expect(verdict(edited)).toBe('broken_link@6');
    // Removing or swapping entries.
    expect(verdict([...entries.slice(0, 3), ...entries.slice(4)])).toBe('bad_seq@3');
    expect(verdict([entries[0]!, entries[2]!, entries[1]!, ...entries.slice(3)])).toBe('bad_seq@1');
    // Cutting off the tail is only visible against a head kept elsewhere.
    expect(verdict(entries.slice(0, -2))).toBe('ok');
    expect(verdict(entries.slice(0, -2), { expectedHead: entries.at(-1)!.hash })).toBe(
      `truncated@${entries.length - 2}`,
    );
    // An added key the hash does not cover, or a wrong type, is malformed.
    expect(verdict([{ ...entries[0]!, approvedBy: 'zhou.chief' }])).toBe('malformed@0');
    expect(verdict([{ ...entries[0]!, seq: '1' }])).toBe('malformed@0');
    const v = verifyChain(edited);
    expect(v.ok ? '' : v.message['zh-CN']).toBe('第7条记录没有接上前一条（前一条被改动或删除）');
  });

  it('verifies a slice of the log from a known point', () => {
    const entries = log();
    expect(verifyChain(entries.slice(4), { from: { seq: 5, prevHash: entries[3]!.hash } }).ok).toBe(
      true,
    );
    expect(verifyChain(entries.slice(4)).ok).toBe(false);
  });

  it('round-trips through NDJSON and reports lines that are not JSON', () => {
    const entries = log();
    const text = toNdjson(entries);
    expect(text.split('\n').length).toBe(entries.length + 1);
    expect(parseNdjson(text).values).toEqual(entries);
    expect(parseNdjson('{"a":1}\n\n{oops\n').errors.map((e) => e.line)).toEqual([3]);
  });
});

describe('audit:verify script', () => {
  const entries = log();
  const text = toNdjson(entries);

  it('passes an intact log and names the first broken line of a tampered one', () => {
    expect(verifyAuditText(text, { lang: 'en' })).toEqual({
      exitCode: 0,
      output: `OK: ${entries.length} entries, chain intact, head ${entries.at(-1)!.hash}`,
    });
    const tampered = text.replace('"comment":"同意"', '"comment":"同意，但需补充数据"');
    expect(verifyAuditText(tampered)).toEqual({
      exitCode: 1,
      output: '未通过（第6行）：第6条记录的内容与其哈希不符（记录被改动）',
    });
  });

  it('reads the file it is given, checks the head and refuses bad arguments', () => {
    const files: Record<string, string> = { 'audit.ndjson': text };
    const read = (p: string) => {
      const t = files[p];
      if (t === undefined) throw new Error('ENOENT: no such file');
      return t;
    };
    expect(main(['audit.ndjson', '--head', entries.at(-1)!.hash], read).exitCode).toBe(0);
    expect(main(['audit.ndjson', '--head', entries[2]!.hash], read).exitCode).toBe(1);
    expect(main(['missing.ndjson'], read)).toEqual({
      exitCode: 2,
      output: 'missing.ndjson: ENOENT: no such file',
    });
    expect(main([], read).exitCode).toBe(2);
    expect(main(['audit.ndjson', '--lang', 'fr'], read).exitCode).toBe(2);
  });
});

describe('audit report per story', () => {
  it('lists the story’s entries in words, summarises them, and renders Markdown in both languages', () => {
    const entries = log();
    const report = storyAuditReport(STORY_ID, entries, {
      generatedAt: '2026-11-18T04:00:00.000Z',
      nameOf,
      chain: verifyChain(entries),
    });
    expect(report.lines).toHaveLength(entries.length - 1);
    expect(report.summary).toMatchObject({
      signOffs: 3,
      sendBacks: 0,
      overrides: 1,
      spikedAt: null,
    });
    expect(report.summary.publications).toEqual([
      {
        channel: 'wechat',
        revision: 1,
        at: entries.at(-2)!.at,
        contentHash: (entries.at(-2)!.data as { contentHash: string }).contentHash,
      },
    ]);
    const zh = renderAuditReportMarkdown(report, 'zh-CN');
    expect(zh).toContain('# 稿件审计报告');
    expect(zh).toContain('- 日志链校验: 完整（10条记录');
    expect(zh).toContain('| 8 | ');
    expect(zh).toContain('周总签发微信公众号版本（终审）');
    const en = renderAuditReportMarkdown(report, 'en');
    expect(en).toContain('- Published: WeChat revision 1');
    expect(en).toContain('周总 signed off the WeChat version (final review)');
    const broken = storyAuditReport(STORY_ID, entries, {
      generatedAt: '2026-11-18T04:00:00.000Z',
      chain: verifyChain(entries.slice(1)),
    });
    expect(renderAuditReportMarkdown(broken, 'en')).toContain(
      '- Log chain check: BROKEN: Entry 1 has number 2, expected 1 (entries missing or reordered)',
    );
  });
});
