// The host's side of "one collection, multiple generation": each channel's
// version of a story is its own Yjs document in the DocHub (persist-before-ack
// like the master), derived from the master once. Until a desk edits it, a
// variant follows the master (brought up to date when it is opened or
// exported); once edited, master changes are only ever offered — diff, pull
// (three-way, conflicts reported), re-derive, dismiss — never written over it.
import * as Y from 'yjs';
import type { Db } from '../store/database';
import type { DocHub } from '../docs/doc-hub';
import { storageErrorCode } from '../store/storage-errors';
import { VariantStore, type VariantPatch, type VariantRow } from './variant-store';
import { HostError } from '@shared/api/errors';
import { getChannel, type ChannelContext, type RegisteredChannel } from '@shared/channels';
import {
  diffMaster,
  pullMasterChange,
  type FieldPull,
  type MasterChange,
} from '@shared/channels/master-change';
import { blockText } from '@shared/channels/common/text';
import { CHANNEL_IDS, type ChannelId } from '@shared/domain/channel-ids';
import type { MasterStory } from '@shared/domain/master-story';
import { storyDocId, variantDocId } from '@shared/body/story-doc';
import type { Block } from '@shared/body/blocks';
import { canonicalJson } from '@shared/hashing/canonical-json';
import { sha256Hex } from '@shared/hashing/sha256';
import { masterRevision, readMaster } from '@shared/variants/master';
import {
  comparableVariant,
  patchVariantDoc,
  readVariantDoc,
  writeInitialVariant,
} from '@shared/variants/variant-doc';
import type { FieldPullReport, PullReport, VariantState } from '@shared/variants/schemas';

export interface VariantServiceOptions {
  db: Db;
  docs: DocHub;
  /** Derivation context for a story (tracked links, channel settings). */
  context: (storyId: string) => ChannelContext;
  /** Tells the renderers that some of a story's variants changed state. */
  onChanged: (storyId: string, channels: ChannelId[]) => void;
  now?: () => string;
}

interface CurrentMaster {
  master: MasterStory;
  revision: string;
  doc: Y.Doc;
}

interface CachedMaster {
  doc: Y.Doc;
  value: CurrentMaster | null;
  stop: () => void;
}

type Plain = Record<string, unknown>;

const MASTER_CACHE = 16;

function channelOf(id: ChannelId): RegisteredChannel {
  const c = getChannel(id);
  if (!c) throw new HostError('invalid_input', `no channel ${id}`);
  return c;
}

/** Hash of a variant's content as a reader sees it (run splits and key order aside). */
export function variantHash(channel: RegisteredChannel, variant: Plain): string {
  return sha256Hex(canonicalJson(comparableVariant(variant, channel.docLayout)));
}

function conflictText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('、');
  if (Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'type' in x))
    return (v as Block[]).map(blockText).join('\n');
  return JSON.stringify(v);
}

function pullReport(f: FieldPull): FieldPullReport {
  switch (f.status) {
    case 'unchanged':
    case 'replaced':
      return { field: f.field, status: f.status };
    case 'merged':
      return { field: f.field, status: 'merged', applied: f.applied };
    case 'conflict': {
      const conflicts = f.text
        ? f.text.map((c) => ({ base: c.base, ours: c.ours, theirs: c.theirs }))
        : f.body
          ? f.body.map((c) => ({
              base: conflictText(c.base),
              ours: conflictText(c.ours),
              theirs: conflictText(c.theirs),
            }))
          : [{ base: '', ours: conflictText(f.ours), theirs: conflictText(f.theirs) }];
      return { field: f.field, status: 'conflict', conflicts };
    }
  }
}

export class VariantService {
  readonly store: VariantStore;
  private readonly masters = new Map<string, CachedMaster>();
  /** The master revision each story's renderers were last told about. */
  private readonly announced = new Map<string, string>();
  /** Whether a master change reaches a channel, by channel and revision pair. */
  private readonly reaches = new Map<string, boolean>();
  private readonly now: () => string;

  constructor(private readonly opts: VariantServiceOptions) {
    this.store = new VariantStore(opts.db);
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /**
   * The master as it is now, with its revision; read again only after its
   * document changed (a state vector would miss deletions, so this listens).
   */
  currentMaster(storyId: string): CurrentMaster {
    const doc = this.opts.docs.get(storyDocId(storyId));
    let cached = this.masters.get(storyId);
    if (cached?.doc !== doc) {
      cached?.stop();
      const entry: CachedMaster = { doc, value: null, stop: () => undefined };
      const onUpdate = () => (entry.value = null);
      doc.on('update', onUpdate);
      entry.stop = () => doc.off('update', onUpdate);
      cached = entry;
    }
    this.masters.delete(storyId);
    this.masters.set(storyId, cached);
    if (this.masters.size > MASTER_CACHE) {
      const [oldest, entry] = this.masters.entries().next().value!;
      entry.stop();
      this.masters.delete(oldest);
    }
    if (!cached.value) {
      const master = readMaster(doc, storyId);
      cached.value = { master, revision: masterRevision(master), doc };
    }
    return cached.value;
  }

  private saveRevision(storyId: string, current: CurrentMaster, now: string): void {
    this.store.saveRevision(
      storyId,
      current.revision,
      current.master,
      Y.encodeSnapshot(Y.snapshot(current.doc)),
      now,
    );
  }

  /**
   * Whether the master's change since `row`'s base changes what the channel
   * derives: a new subheadline is no news to Weibo, which does not use it.
   */
  private reachesChannel(
    storyId: string,
    channel: ChannelId,
    row: VariantRow,
    current: CurrentMaster,
  ): boolean {
    if (!row.base_revision || row.base_revision === current.revision) return false;
    const key = `${storyId}:${channel}:${row.base_revision}:${current.revision}`;
    let hit = this.reaches.get(key);
    if (hit === undefined) {
      const base = this.store.revision(storyId, row.base_revision);
      const c = channelOf(channel);
      const ctx = this.opts.context(storyId);
      hit =
        !base ||
        canonicalJson(c.derive(base, ctx) as Plain) !==
          canonicalJson(c.derive(current.master, ctx) as Plain);
      if (this.reaches.size > 256) this.reaches.clear();
      this.reaches.set(key, hit);
    }
    return hit;
  }

  private stateOf(storyId: string, channel: ChannelId, row: VariantRow | undefined): VariantState {
    const derived = !!row?.derived_at;
    const current = this.currentMaster(storyId);
    return {
      channel,
      enabled: row ? row.enabled === 1 : true,
      derived,
      edited: derived && row!.edited === 1,
      masterChanged: derived && this.reachesChannel(storyId, channel, row!, current),
      baseRevision: row?.base_revision ?? null,
      derivedAt: row?.derived_at ?? null,
      dismissedAt: row?.dismissed_at ?? null,
    };
  }

  list(storyId: string): { variants: VariantState[]; revision: string } {
    const { revision } = this.currentMaster(storyId);
    const rows = this.store.rows(storyId);
    return {
      revision,
      variants: CHANNEL_IDS.map((c) => this.stateOf(storyId, c, rows.get(c))),
    };
  }

  state(storyId: string, channel: ChannelId): VariantState {
    return this.stateOf(storyId, channel, this.store.row(storyId, channel));
  }

  setEnabled(storyId: string, channel: ChannelId, enabled: boolean): VariantState {
    this.guard(() => this.store.upsert(storyId, channel, { enabled: enabled ? 1 : 0 }, this.now()));
    this.opts.onChanged(storyId, [channel]);
    return this.state(storyId, channel);
  }

  private requireEnabled(storyId: string, channel: ChannelId): VariantRow | undefined {
    const row = this.store.row(storyId, channel);
    if (row && row.enabled !== 1)
      throw new HostError('conflict', `${channel} is switched off for this story`, { channel });
    return row;
  }

  private requireDerived(storyId: string, channel: ChannelId): VariantRow {
    const row = this.requireEnabled(storyId, channel);
    if (!row?.derived_at)
      throw new HostError('conflict', `the ${channel} version has not been derived yet`, {
        channel,
      });
    return row;
  }

  /** The variant as its document holds it, checked by the channel's schema. */
  readVariant(storyId: string, channel: ChannelId): Plain {
    const c = channelOf(channel);
    const raw = readVariantDoc(this.opts.docs.get(variantDocId(storyId, channel)), c.docLayout);
    const parsed = c.parse(raw);
    if (!parsed.ok)
      throw new HostError('conflict', `the ${channel} version is malformed; re-derive it`, {
        channel,
        path: String(parsed.problems[0]?.params.path ?? ''),
      });
    return parsed.value as Plain;
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      const code = storageErrorCode(err);
      if (code) throw new HostError(code, 'could not store the variant');
      throw err;
    }
  }

  /**
   * Writes `content` (all fields, or some) into the variant document with the
   * smallest edits, and the row changes, in one transaction; then applies the
   * stored update to the live document, which relays it to open editors.
   */
  private write(
    storyId: string,
    channel: ChannelId,
    content: Plain,
    row: (after: Plain) => VariantPatch,
    base?: CurrentMaster,
  ): void {
    const c = channelOf(channel);
    const docId = variantDocId(storyId, channel);
    const live = this.opts.docs.get(docId);
    const scratch = new Y.Doc();
    let update: Uint8Array | null;
    // An empty document's state vector is one byte (no clients).
    const fresh = Y.encodeStateVector(live).length <= 1;
    if (fresh) {
      writeInitialVariant(scratch, c.docLayout, content);
      update = Y.encodeStateAsUpdate(scratch);
    } else {
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
      update = patchVariantDoc(scratch, c.docLayout, content);
    }
    const after = readVariantDoc(scratch, c.docLayout);
    scratch.destroy();
    const now = this.now();
    let rowId = 0;
    this.guard(() =>
      this.opts.db.transaction(() => {
        if (base) this.saveRevision(storyId, base, now);
        if (update) rowId = this.opts.docs.storeHostUpdate(docId, update);
        this.store.upsert(storyId, channel, row(after), now);
        this.store.pruneRevisions(storyId);
      })(),
    );
    if (update) this.opts.docs.applyStored(docId, update, rowId);
  }

  /**
   * Makes the variant document if it does not exist yet, and brings a variant
   * no desk has edited up to the current master. An edited variant is left as it is.
   */
  ensure(storyId: string, channel: ChannelId): VariantState {
    const row = this.requireEnabled(storyId, channel);
    const current = this.currentMaster(storyId);
    if (row?.derived_at && (row.edited === 1 || row.base_revision === current.revision))
      return this.stateOf(storyId, channel, row);
    if (row?.derived_at && this.editedNow(storyId, channel, row)) {
      this.markEdited(storyId, channel);
      return this.state(storyId, channel);
    }
    this.deriveWhole(storyId, channel, current);
    this.opts.onChanged(storyId, [channel]);
    return this.state(storyId, channel);
  }

  private deriveWhole(storyId: string, channel: ChannelId, current: CurrentMaster): void {
    const c = channelOf(channel);
    const variant = c.derive(current.master, this.opts.context(storyId)) as Plain;
    const when = this.now();
    this.write(
      storyId,
      channel,
      variant,
      (after) => ({
        derived_at: when,
        base_revision: current.revision,
        derived_hash: variantHash(c, after),
        edited: 0,
      }),
      current,
    );
  }

  /** Replaces the variant, or one field of it, with a fresh derivation from the master (the desk asked). */
  rederive(storyId: string, channel: ChannelId, field?: string): VariantState {
    const row = this.requireEnabled(storyId, channel);
    const current = this.currentMaster(storyId);
    if (!field || !row?.derived_at || row.edited !== 1) {
      this.deriveWhole(storyId, channel, current);
    } else {
      const c = channelOf(channel);
      const fresh = c.derive(current.master, this.opts.context(storyId)) as Plain;
      if (!(field in fresh))
        throw new HostError('invalid_input', `${channel} has no field ${field}`);
      this.write(storyId, channel, { [field]: fresh[field] }, () => ({}));
    }
    this.opts.onChanged(storyId, [channel]);
    return this.state(storyId, channel);
  }

  private editedNow(storyId: string, channel: ChannelId, row: VariantRow): boolean {
    const c = channelOf(channel);
    const raw = readVariantDoc(this.opts.docs.get(variantDocId(storyId, channel)), c.docLayout);
    return variantHash(c, raw) !== row.derived_hash;
  }

  private markEdited(storyId: string, channel: ChannelId): void {
    this.guard(() => this.store.upsert(storyId, channel, { edited: 1 }, this.now()));
    this.opts.onChanged(storyId, [channel]);
  }

  /** Refuses edits to a variant that has no document yet (it must be derived first). */
  checkPush(storyId: string, channel: ChannelId): void {
    this.requireDerived(storyId, channel);
  }

  /** After a desk's update reached a variant: the first real change marks it edited. */
  noteDeskEdit(storyId: string, channel: ChannelId): void {
    const row = this.store.row(storyId, channel);
    if (!row?.derived_at || row.edited === 1) return;
    if (this.editedNow(storyId, channel, row)) this.markEdited(storyId, channel);
  }

  private baseMaster(storyId: string, row: VariantRow): MasterStory {
    const base = row.base_revision ? this.store.revision(storyId, row.base_revision) : null;
    if (!base)
      throw new HostError('not_found', 'the master revision this version was made from is gone');
    return base;
  }

  masterDiff(
    storyId: string,
    channel: ChannelId,
  ): { change: MasterChange; baseRevision: string | null; revision: string } {
    const row = this.requireDerived(storyId, channel);
    const current = this.currentMaster(storyId);
    const none = { added: [], removed: [], changed: [] };
    if (row.base_revision === current.revision)
      return {
        change: { changed: false, fields: [], paragraphs: [], images: none },
        baseRevision: row.base_revision,
        revision: current.revision,
      };
    // Only what this channel derives from: a new subheadline is no news to Weibo.
    const from = new Set(Object.values(channelOf(channel).derivedFrom).flat());
    const all = diffMaster(this.baseMaster(storyId, row), current.master);
    const fields = all.fields.filter((f) => from.has(f.field));
    const paragraphs = from.has('body') ? all.paragraphs : [];
    const images = from.has('images') ? all.images : none;
    const count = images.added.length + images.removed.length + images.changed.length;
    return {
      change: {
        changed: fields.length + paragraphs.length + count > 0,
        fields,
        paragraphs,
        images,
      },
      baseRevision: row.base_revision,
      revision: current.revision,
    };
  }

  /**
   * Pulls the master's change since the variant's base into the variant:
   * three-way per field, onto what the desk has now. Conflicts keep the
   * desk's text and are reported; the base moves to the current master only
   * when the whole change went in cleanly.
   */
  pull(storyId: string, channel: ChannelId, fields?: readonly string[]): PullReport {
    const row = this.requireDerived(storyId, channel);
    const c = channelOf(channel);
    const current = this.currentMaster(storyId);
    if (row.base_revision === current.revision)
      return {
        fields: [],
        hasConflicts: false,
        state: this.stateOf(storyId, channel, row),
      };
    const ours = this.readVariant(storyId, channel);
    const result = pullMasterChange(
      c.module as never,
      this.baseMaster(storyId, row),
      current.master,
      ours as never,
      this.opts.context(storyId),
      fields,
    ) as { variant: Plain; fields: FieldPull[]; hasConflicts: boolean };
    const touched: Plain = {};
    for (const f of result.fields)
      if (f.status === 'replaced' || f.status === 'merged' || f.status === 'conflict')
        touched[f.field] = result.variant[f.field];
    const moveBase = !result.hasConflicts && !fields;
    this.write(
      storyId,
      channel,
      touched,
      () => (moveBase ? { base_revision: current.revision } : {}),
      moveBase ? current : undefined,
    );
    this.opts.onChanged(storyId, [channel]);
    return {
      fields: result.fields.map(pullReport),
      hasConflicts: result.hasConflicts,
      state: this.state(storyId, channel),
    };
  }

  /** Keeps the variant as it is; the master's current revision becomes its base. */
  dismiss(storyId: string, channel: ChannelId): VariantState {
    this.requireDerived(storyId, channel);
    const current = this.currentMaster(storyId);
    const now = this.now();
    this.guard(() =>
      this.opts.db.transaction(() => {
        this.saveRevision(storyId, current, now);
        this.store.upsert(
          storyId,
          channel,
          {
            base_revision: current.revision,
            dismissed_revision: current.revision,
            dismissed_at: now,
          },
          now,
        );
        this.store.pruneRevisions(storyId);
      })(),
    );
    this.opts.onChanged(storyId, [channel]);
    return this.state(storyId, channel);
  }

  /**
   * Called a short while after the master changed: tells the story's renderers
   * when its revision moved, so edited variants can show "原稿已更新".
   */
  masterChanged(storyId: string): void {
    const rows = [...this.store.rows(storyId).values()].filter((r) => r.derived_at);
    if (rows.length === 0) return;
    const { revision } = this.currentMaster(storyId);
    if (this.announced.get(storyId) === revision) return;
    this.announced.set(storyId, revision);
    this.opts.onChanged(
      storyId,
      rows.map((r) => r.channel as ChannelId),
    );
  }

  /** Releases documents the host loaded only for itself. */
  release(storyId: string): void {
    for (const c of CHANNEL_IDS) this.opts.docs.release(variantDocId(storyId, c));
    this.opts.docs.release(storyDocId(storyId));
  }

  /** Forgets a story's variant documents (the story is deleted for good). */
  purge(storyId: string): void {
    for (const c of CHANNEL_IDS) this.opts.docs.delete(variantDocId(storyId, c));
    this.masters.get(storyId)?.stop();
    this.masters.delete(storyId);
    this.announced.delete(storyId);
  }
}
