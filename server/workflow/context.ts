// What the server knows about a story when it decides a workflow command:
// the content of each channel version read from the server's own copy of
// the variant documents (never what the client claims), its hash, the
// machine pre-scan of exactly that content with the newsroom's word lists,
// the authenticity record and the embargo.
import * as Y from 'yjs';
import { getChannel } from '@shared/channels';
import { variantDocId } from '@shared/body/story-doc';
import { readVariantDoc } from '@shared/variants/variant-doc';
import { publishableContent } from '@shared/workflow/variant-content';
import {
  contentHash,
  type ChannelId,
  type DecideContext,
  type Directory,
  type PublishableContent,
  type StoryWorkflow,
} from '@shared/workflow';
import { CHANNEL_IDS } from '@shared/workflow/desks';
import { createScanner, DEFAULT_VERIFIED_DOMAINS, type Scanner } from '@shared/scan/scanner';
import { parseSensitiveList, parseTypoList } from '@shared/scan/word-list';
import { DEFAULT_SENSITIVE_LIST_TEXT, DEFAULT_TYPO_LIST_TEXT } from '@shared/scan/default-lists';
import { ScanReportSchema, type ScanReport } from '@shared/scan/report';
import {
  AuthenticityRecordSchema,
  emptyAuthenticity,
  type AuthenticityRecord,
} from '@shared/authenticity/model';
import type { UpdateLog } from '../docs/update-log';
import { applyAll } from '../docs/update-log';
import type { Tx } from '../stories/story-repo';

export interface VersionContent {
  content: PublishableContent;
  hash: string;
  /** The variant as plain data: what a publisher sends, snapshotted when it is published. */
  plain: Record<string, unknown>;
}

/** One channel version's content as the server holds it, or null when it has no document yet. */
export async function loadVersionContent(
  log: UpdateLog,
  storyId: string,
  channel: ChannelId,
): Promise<VersionContent | null> {
  const { updates } = await log.load(variantDocId(storyId, channel));
  if (updates.length === 0) return null;
  const doc = new Y.Doc();
  try {
    applyAll(doc, updates);
    const layout = getChannel(channel)?.docLayout;
    if (!layout) return null;
    const plain = readVariantDoc(doc, layout);
    const content = publishableContent(storyId, channel, plain, layout.body);
    return { content, hash: contentHash(content), plain };
  } finally {
    doc.destroy();
  }
}

// ---- word lists and the scanner ----

export type ListKind = 'sensitive' | 'typos';

export async function readLists(
  tx: Tx,
): Promise<Record<ListKind, { text: string; updatedAt: number | null; updatedBy: string | null }>> {
  const rows = await tx.selectFrom('scan_lists').selectAll().execute();
  const get = (kind: ListKind, fallback: string) => {
    const r = rows.find((x) => x.kind === kind);
    return r
      ? { text: r.text, updatedAt: Number(r.updated_at), updatedBy: r.updated_by }
      : { text: fallback, updatedAt: null, updatedBy: null };
  };
  return {
    sensitive: get('sensitive', DEFAULT_SENSITIVE_LIST_TEXT),
    typos: get('typos', DEFAULT_TYPO_LIST_TEXT),
  };
}

/** Compiled once per list version (a 50,000-term automaton is worth keeping). */
export class ScannerCache {
  private key = '';
  private scanner: Scanner | null = null;

  async get(tx: Tx): Promise<Scanner> {
    const lists = await readLists(tx);
    const key = `${lists.sensitive.text.length}:${lists.sensitive.updatedAt}:${lists.typos.text.length}:${lists.typos.updatedAt}`;
    if (this.scanner && key === this.key) return this.scanner;
    const config = {
      sensitive: parseSensitiveList(lists.sensitive.text).list,
      typos: parseTypoList(lists.typos.text).list,
      verifiedDomains: DEFAULT_VERIFIED_DOMAINS,
    };
    this.scanner = createScanner(config);
    this.key = key;
    return this.scanner;
  }
}

export async function loadAuthenticity(tx: Tx, storyId: string): Promise<AuthenticityRecord> {
  const row = await tx
    .selectFrom('authenticity')
    .select('record')
    .where('story_id', '=', storyId)
    .executeTakeFirst();
  return row ? AuthenticityRecordSchema.parse(JSON.parse(row.record)) : emptyAuthenticity(storyId);
}

/** The scan of this exact content with the current lists, from the stored report when it still applies. */
async function scanFor(
  tx: Tx,
  scanner: Scanner,
  v: VersionContent,
  authenticity: AuthenticityRecord,
  now: number,
): Promise<ScanReport> {
  const { storyId, channel } = v.content;
  const row = await tx
    .selectFrom('scan_reports')
    .select(['content_hash', 'rules_hash', 'report'])
    .where('story_id', '=', storyId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  if (row && row.content_hash === v.hash && row.rules_hash === scanner.rulesHash)
    return ScanReportSchema.parse(JSON.parse(row.report));
  const report = scanner.scanContent(v.content, { contentHash: v.hash, authenticity });
  const values = {
    content_hash: v.hash,
    rules_hash: scanner.rulesHash,
    report: JSON.stringify(report),
    created_at: now,
  };
  await tx
    .insertInto('scan_reports')
    .values({ story_id: storyId, channel, ...values })
    .onConflict((oc) => oc.columns(['story_id', 'channel']).doUpdateSet(values))
    .execute();
  return report;
}

export interface ServerFacts {
  ctx: DecideContext;
  versions: Partial<Record<ChannelId, VersionContent>>;
}

/** Everything decide() needs, computed by the server from its own data. */
export async function gatherFacts(
  tx: Tx,
  deps: { log: UpdateLog; scanners: ScannerCache },
  state: StoryWorkflow,
  directory: Directory,
  embargo: string | null,
  now: number,
  channels: readonly ChannelId[] = CHANNEL_IDS,
): Promise<ServerFacts> {
  const authenticity = await loadAuthenticity(tx, state.storyId);
  const scanner = await deps.scanners.get(tx);
  const content: DecideContext['content'] = {};
  const scans: NonNullable<DecideContext['scans']> = {};
  const versions: ServerFacts['versions'] = {};
  for (const ch of channels) {
    const v = await loadVersionContent(deps.log, state.storyId, ch);
    if (!v) continue;
    versions[ch] = v;
    content[ch] = { hash: v.hash };
    if (state.variants[ch]) scans[ch] = await scanFor(tx, scanner, v, authenticity, now);
  }
  return {
    ctx: {
      now: new Date(now).toISOString(),
      directory,
      content,
      scans,
      authenticity,
      embargo,
    },
    versions,
  };
}
