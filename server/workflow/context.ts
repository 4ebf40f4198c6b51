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
  describeChanges,
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
  tx: Tx,
  storyId: string,
  channel: ChannelId,
): Promise<VersionContent | null> {
  const updates = await loadDocUpdates(tx, variantDocId(storyId, channel));
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

/**
 * The stored document as updates (snapshot first), read through the caller's
 * transaction: the same rows UpdateLog.load reads, but inside the command's
 * transaction (SQLite has one connection; PostgreSQL sees one snapshot).
 */
async function loadDocUpdates(tx: Tx, docName: string): Promise<Uint8Array[]> {
  // The log rows first, then the snapshot: a compaction that commits in between
  // folds the rows already read into the snapshot read after (Yjs ignores the
  // repeats). The other order could read an old snapshot and then find its rows gone.
  const rows = await tx
    .selectFrom('doc_updates')
    .select('data')
    .where('doc_name', '=', docName)
    .orderBy('id')
    .execute();
  const snap = await tx
    .selectFrom('doc_snapshots')
    .select('state')
    .where('doc_name', '=', docName)
    .executeTakeFirst();
  const updates = rows.map((r) => new Uint8Array(r.data));
  if (snap) updates.unshift(new Uint8Array(snap.state));
  return updates;
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

/** What went out in a published revision: the snapshot its delivery keeps. */
async function publishedContent(
  tx: Tx,
  storyId: string,
  channel: ChannelId,
  revision: number,
): Promise<PublishableContent | null> {
  const row = await tx
    .selectFrom('deliveries')
    .select('progress')
    .where('story_id', '=', storyId)
    .where('channel', '=', channel)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (!row) return null;
  const snapshot = (JSON.parse(row.progress) as { snapshot?: unknown }).snapshot;
  if (!snapshot || typeof snapshot !== 'object') return null;
  return publishableContent(
    storyId,
    channel,
    snapshot as Record<string, unknown>,
    getChannel(channel)?.docLayout.body,
  );
}

export interface ServerFacts {
  ctx: DecideContext;
  versions: Partial<Record<ChannelId, VersionContent>>;
}

/** Everything decide() needs, computed by the server from its own data. */
export async function gatherFacts(
  tx: Tx,
  deps: { scanners: ScannerCache },
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
    const v = await loadVersionContent(tx, state.storyId, ch);
    if (!v) continue;
    versions[ch] = v;
    const published = state.variants[ch]?.publications.at(-1);
    const before = published
      ? await publishedContent(tx, state.storyId, ch, published.revision)
      : null;
    content[ch] = before
      ? { hash: v.hash, changesSincePublished: describeChanges(before, v.content) }
      : { hash: v.hash };
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
