// Builds the host's services over one data directory and returns the
// contract's handlers. Electron's main process and the web host both call
// this; neither contains any logic of its own beyond transport.
import path from 'node:path';
import { z } from 'zod';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { openDatabase, type Db } from '../store/database';
import { StoryStore } from '../store/story-store';
import { SettingsStore } from '../store/settings-store';
import { DocHub, HOST_ORIGIN, type StorageState } from '../docs/doc-hub';
import { initialStoryUpdate } from '../docs/story-docs';
import { importStory } from '../import/import-story';
import { VariantService } from '../variants/variant-service';
import {
  exportChannels,
  exportName,
  freeFolder,
  writeFolder,
  zipFiles,
} from '../variants/export-variants';
import { storageErrorCode } from '../store/storage-errors';
import type { Connection } from './connection';
import type { Handlers } from './handlers';
import { opsHandlers } from './ops-handlers';
import { withCallLog } from './call-log';
import type { UpdatesPort } from '../updates/port';
import { silentLogger, type Logger } from '../logs/logger';
import { NoticeSchema, SettingsSchema, type Notice, type Settings } from '@shared/api/contract';
import { HostError } from '@shared/api/errors';
import { adminHandlers } from '../admin/admin-handlers';
import { parseDocId, readStoryDoc, storyDocId } from '@shared/body/story-doc';
import type { StoryFields } from '@shared/domain/story';
import type { Block } from '@shared/body/blocks';
import { newId } from '@shared/domain/ids';
import { SyncStore } from '../sync/sync-store';
import { SyncService } from '../sync/sync-service';
import type { ChannelContext } from '@shared/channels';
import type { ChannelContextData } from '@shared/variants/schemas';
import { wechatClipboard, type WechatVariant } from '@shared/channels/wechat';
import { WorkflowService } from '../workflow/workflow-service';
import { getChannel } from '@shared/channels';
import { fieldsMap, variantDocId } from '@shared/body/story-doc';
import { readVariantDoc } from '@shared/variants/variant-doc';
import { contentHash } from '@shared/workflow/content-hash';
import { publishableContent } from '@shared/workflow/variant-content';
import { AssetStore } from '../assets/asset-store';
import { readImages, type StoryImage } from '@shared/body/story-images';
import { AssetSync, type FetchBytes } from '../sync/asset-sync';

export interface HostOptions {
  dataDir: string;
  host: 'electron' | 'web';
  /** 32-byte key for the drafts database (encrypted at rest); omitted only in tests. */
  databaseKey?: Buffer;
  version: string;
  /** Delay between the last edit and the summary/search projection (ms). */
  projectionDelayMs?: number;
  compactEvery?: number;
  retryDelayMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /** Photo sync tuning for tests (back-off delays). */
  assetSync?: { minDelayMs?: number; maxDelayMs?: number; partBytes?: number; fetch?: FetchBytes };
  /** Tuning for tests and benchmarks (pull concurrency, feed wait). */
  sync?: {
    pullConcurrency?: number;
    feedWaitSeconds?: number;
    handshakeTimeoutMs?: number;
    heartbeatMs?: number;
  };
  /** The structured log (ids and codes only); calls are logged through it when given. */
  logger?: Logger;
  /** The log files diagnostics should include, newest first. */
  logFiles?: () => string[];
  /** The updater (Electron main); the web host has none. */
  updates?: UpdatesPort;
  /** Where diagnostics go: a save dialog in Electron; without it the bytes are returned. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /**
   * Asks the user where to export (Electron: a folder dialog); resolves the
   * chosen parent folder, or null when the user cancelled. Without it, exports
   * go to `<dataDir>/exports/`.
   */
  chooseExportFolder?: (suggestedName: string) => Promise<string | null>;
  /** Shows a desktop notification (Electron) when something lands in the user's queue. */
  desktopNotify?: (n: { title: string; body: string; storyId: string }) => void;
}

export interface Host {
  handlers: Handlers;
  attach(conn: Connection): void;
  detach(conn: Connection): void;
  /** Writes pending projections now (before an update restarts the app). */
  flush(): void;
  /** Writes pending projections and compacts documents; call before exit. */
  close(): void;
  readonly db: Db;
  readonly docs: DocHub;
  readonly stories: StoryStore;
  readonly variants: VariantService;
  readonly databaseFile: string;
  readonly sync: SyncService;
  readonly assets: AssetStore;
  readonly assetSync: AssetSync;
}

const NoticesSchema = z.array(NoticeSchema);
const DUPLICATE_SUFFIX: Record<Settings['locale'], string> = { 'zh-CN': '（副本）', en: ' (copy)' };

export function createHost(opts: HostOptions): Host {
  const log = opts.log ?? ((m, e) => console.error(`[rongmei] ${m}`, e ?? ''));
  const databaseFile = path.join(opts.dataDir, 'rongmei.db');
  const { db, recoveredFrom, encryptedNow } = openDatabase(databaseFile, { key: opts.databaseKey });
  if (encryptedNow) log('the drafts database was plaintext and is now encrypted at rest');
  const stories = new StoryStore(db);
  const settings = new SettingsStore(db);
  const connections = new Set<Connection>();
  const broadcast: Connection['emit'] = (name, payload) => {
    for (const c of connections) c.emit(name, payload);
  };

  let storage: StorageState = { writable: true, pendingUpdates: 0 };
  let notices = settings.read('notices', NoticesSchema, []);
  const addNotice = (
    kind: Notice['kind'],
    severity: Notice['severity'],
    params: Record<string, string>,
  ) => {
    const notice: Notice = { id: newId(), kind, severity, params, at: new Date().toISOString() };
    notices = [...notices.filter((n) => n.kind !== kind), notice];
    try {
      settings.write('notices', notices);
    } catch (err) {
      if (!storageErrorCode(err)) throw err;
    }
    broadcast('notice', notice);
  };
  if (recoveredFrom) {
    log(
      `database could not be opened (${recoveredFrom.reason}); moved to ${recoveredFrom.movedTo}`,
    );
    addNotice('database_recovered', 'warning', {
      movedTo: recoveredFrom.movedTo,
      reason: recoveredFrom.reason,
    });
  }

  // Summary/search projection, a short while after the last change to a story document.
  const projectionDelay = opts.projectionDelayMs ?? 150;
  const dirty = new Map<string, NodeJS.Timeout | null>();
  const project = (docId: string) => {
    const parsed = parseDocId(docId);
    dirty.delete(docId);
    if (parsed?.kind !== 'story' || !stories.get(parsed.storyId)) return;
    try {
      stories.project(
        parsed.storyId,
        readStoryDoc(docs.get(docId)),
        new Date().toISOString(),
        true,
      );
      broadcast('stories.changed', { ids: [parsed.storyId] });
    } catch (err) {
      if (!storageErrorCode(err)) throw err;
      dirty.set(docId, null); // retried once the disk takes writes again
    }
    variants.masterChanged(parsed.storyId);
  };
  const scheduleProjection = (docId: string) => {
    // Variant documents have no summary row; only the master is projected.
    if (!docId.startsWith('story:')) return;
    const t = dirty.get(docId);
    if (t) clearTimeout(t);
    const timer = setTimeout(() => project(docId), projectionDelay);
    timer.unref?.();
    dirty.set(docId, timer);
  };

  // Set once the sync service exists (it needs the hub); the hub calls it on every change.
  let sync: SyncService | null = null;
  let assetSync: AssetSync | null = null;
  const docs = new DocHub(db, {
    compactEvery: opts.compactEvery,
    retryDelayMs: opts.retryDelayMs,
    onChange: (docId, doc, origin, update) => {
      if (origin !== HOST_ORIGIN) scheduleProjection(docId);
      sync?.changed(docId, origin, update);
      // A story's photos arrive with its document; fetch the bytes this machine lacks.
      const parsed = parseDocId(docId);
      if (parsed?.kind === 'story') assetSync?.checkDoc(parsed.storyId, doc);
    },
    onStored: (docId, origin) => sync?.stored(docId, origin),
    onStorage: (state) => {
      const wasWritable = storage.writable;
      storage = state;
      broadcast('storage.status', state);
      if (!state.writable && wasWritable) log(`storage refused a write: ${state.code}`);
      if (state.writable && !wasWritable) {
        for (const [docId, t] of dirty) if (t === null) scheduleProjection(docId);
      }
    },
    onPersisted: (docId) => broadcast('doc.persisted', { docId }),
  });

  const syncStore = new SyncStore(db, stories);
  sync = new SyncService({
    docs,
    stories,
    settings,
    store: syncStore,
    version: opts.version,
    broadcast: (name, payload) => broadcast(name, payload),
    storiesChanged: (ids) => broadcast('stories.changed', { ids }),
    notice: (kind, params) =>
      addNotice(kind, kind === 'session_expired' ? 'warning' : 'error', params),
    awareness: (docId, update) =>
      docs.emitToEditors(docId, 'doc.awareness', { docId, update: toBase64(update) }),
    log,
    workflowChanged: (ids) => workflowService.invalidate(ids),
    ...(opts.sync ?? {}),
  });
  const syncService = sync;
  const workflowService = new WorkflowService({
    sync: syncService,
    changed: (storyIds) => broadcast('workflow.changed', { storyIds }),
    localContentHash: (storyId, channel) => {
      const layout = getChannel(channel)?.docLayout;
      if (!layout || !stories.get(storyId)) return null;
      const doc = docs.get(variantDocId(storyId, channel));
      if (fieldsMap(doc).size === 0) return null;
      return contentHash(
        publishableContent(storyId, channel, readVariantDoc(doc, layout), layout.body),
      );
    },
    notify: (n) => {
      broadcast('workflow.notification', n);
      opts.desktopNotify?.({
        title: stories.get(n.storyId)?.headline || 'Rongmei',
        body: n.text[currentSettings().locale],
        storyId: n.storyId,
      });
    },
    log,
  });
  const currentSettings = (): Settings =>
    settings.read('settings', SettingsSchema, { locale: 'zh-CN' });

  const channelContext = (storyId: string): ChannelContextData & ChannelContext => {
    const s = currentSettings();
    const onlineUrl = s.onlineBaseUrl
      ? `${s.onlineBaseUrl.replace(/\/+$/, '')}/${storyId}`
      : undefined;
    return {
      storyId,
      links: s.linkBaseUrl || onlineUrl ? { baseUrl: s.linkBaseUrl ?? '', onlineUrl } : undefined,
    };
  };

  const assets = new AssetStore(db);
  assetSync = new AssetSync({
    assets,
    session: () => syncService.serverSession,
    pendingStories: () => assets.storiesWithPendingUploads(),
    arrived: (ids) => broadcast('assets.arrived', { ids }),
    log,
    ...(opts.assetSync ?? {}),
  });
  const photoSync = assetSync;
  photoSync.kick();

  const variants = new VariantService({
    db,
    docs,
    context: channelContext,
    onChanged: (storyId, channels) => broadcast('variants.changed', { storyId, channels }),
  });

  /** Stores a new story row and its first document state in one transaction. */
  const createStory = (
    id: string,
    fields: Partial<StoryFields>,
    body: readonly Block[],
    images: readonly StoryImage[] = [],
  ) => {
    const update = initialStoryUpdate(fields, body, images);
    const docId = storyDocId(id);
    const now = new Date().toISOString();
    let rowId = 0;
    try {
      db.transaction(() => {
        stories.create(id, now);
        rowId = docs.storeHostUpdate(docId, update);
        syncService.stored(docId, HOST_ORIGIN);
      })();
    } catch (err) {
      const code = storageErrorCode(err);
      if (code) throw new HostError(code, 'could not store the new story');
      throw err;
    }
    docs.applyStored(docId, update, rowId);
    try {
      stories.project(id, readStoryDoc(docs.get(docId)), now, false);
    } catch (err) {
      if (!storageErrorCode(err)) throw err;
      dirty.set(docId, null);
    }
    broadcast('stories.changed', { ids: [id] });
    return stories.require(id);
  };

  /** Projects a document whose projection is still waiting for its timer, now. */
  const projectNow = (docId: string) => {
    const t = dirty.get(docId);
    if (t) clearTimeout(t);
    project(docId);
  };
  /** Brings one story's summary up to its document now, if a projection is still waiting. */
  const projectPending = (storyId: string) => {
    const docId = storyDocId(storyId);
    if (dirty.has(docId)) projectNow(docId);
  };
  const flushProjections = () => {
    for (const docId of [...dirty.keys()]) projectNow(docId);
  };
  const logger = opts.logger ?? silentLogger;
  const updatesOff = opts.updates?.onStatus((s) => broadcast('updates.status', s));

  const handlers: Handlers = {
    ...opsHandlers({
      version: opts.version,
      db,
      databaseFile,
      updates: opts.updates,
      logger,
      logFiles: opts.logFiles ?? (() => []),
      saveFile: opts.saveFile,
      flush: flushProjections,
      facts: () => ({
        app: { version: opts.version, host: opts.host },
        settings: currentSettings(),
        storage,
        notices: notices.map((n) => ({ kind: n.kind, severity: n.severity, at: n.at })),
      }),
    }),
    'app.info': () => ({
      version: opts.version,
      host: opts.host,
      dataDir: opts.dataDir,
      notices,
      storage,
    }),
    'app.dismissNotice': ({ id }) => {
      notices = notices.filter((n) => n.id !== id);
      settings.write('notices', notices);
      return {};
    },
    'settings.get': () => currentSettings(),
    'settings.update': (patch) => {
      const next = { ...currentSettings(), ...patch };
      settings.write('settings', next);
      return next;
    },
    'stories.list': (input) => stories.list(input),
    'stories.get': ({ id }) => stories.require(id),
    'stories.create': ({ id, fields }) => createStory(id, fields ?? {}, []),
    'stories.duplicate': ({ id, newId: copyId }) => {
      stories.require(id);
      const content = readStoryDoc(docs.get(storyDocId(id)));
      const headline = content.fields.headline
        ? content.fields.headline + DUPLICATE_SUFFIX[currentSettings().locale]
        : '';
      const images = readImages(docs.get(storyDocId(id)));
      const copy = createStory(copyId, { ...content.fields, headline }, content.body, images);
      const now = new Date().toISOString();
      for (const image of images) {
        if (assets.has(image.id))
          assets.link(copyId, image.id, image.fileName ?? `${image.id.slice(0, 12)}.jpg`, now);
      }
      return copy;
    },
    'stories.trash': ({ id }) => {
      const s = stories.trash(id, new Date().toISOString());
      broadcast('stories.changed', { ids: [id] });
      return s;
    },
    'stories.restore': ({ id }) => {
      const s = stories.restore(id, new Date().toISOString());
      broadcast('stories.changed', { ids: [id] });
      return s;
    },
    'stories.purge': ({ id }) => {
      stories.purge(id);
      assets.collectGarbage();
      docs.delete(storyDocId(id));
      variants.purge(id);
      broadcast('stories.changed', { ids: [id] });
      return {};
    },
    'stories.import': async ({ id, fileName, data }) => {
      const imported = await importStory(fileName, fromBase64(data));
      return createStory(id, { headline: imported.headline }, imported.body);
    },
    'doc.open': ({ docId, clientId }, { connection }) => {
      const parsed = parseDocId(docId);
      if (!parsed) throw new HostError('invalid_input', 'unknown document kind');
      stories.require(parsed.storyId);
      if (parsed.kind === 'variant') variants.checkPush(parsed.storyId, parsed.channel);
      const state = toBase64(docs.open(docId, clientId, connection));
      syncService.opened(docId);
      if (parsed.kind === 'story') photoSync.checkDoc(parsed.storyId, docs.get(docId));
      return { state };
    },
    'doc.push': ({ docId, clientId, update }) => {
      const parsed = parseDocId(docId);
      if (!parsed) throw new HostError('invalid_input', 'unknown document kind');
      stories.require(parsed.storyId);
      if (parsed.kind === 'story') return docs.push(docId, clientId, fromBase64(update));
      variants.checkPush(parsed.storyId, parsed.channel);
      const result = docs.push(docId, clientId, fromBase64(update));
      variants.noteDeskEdit(parsed.storyId, parsed.channel);
      return result;
    },
    'doc.close': ({ docId, clientId }) => {
      docs.close(docId, clientId);
      syncService.closed(docId);
      return {};
    },
    'doc.awareness': ({ docId, clientId, update }) => {
      const bytes = fromBase64(update);
      syncService.localAwareness(docId, bytes);
      // Other windows of this machine see it too.
      docs.emitToEditors(docId, 'doc.awareness', { docId, update }, clientId);
      return {};
    },
    'sync.status': () => syncService.status(),
    'sync.signIn': async (input) => {
      const status = await syncService.signIn(input);
      photoSync.kick();
      return status;
    },
    'sync.signOut': () => syncService.signOut(),
    'sync.desks': () => syncService.desks(),
    ...adminHandlers(syncService),
    'stories.file': ({ id, deskId }) => {
      stories.require(id);
      syncService.file(id, deskId);
      broadcast('stories.changed', { ids: [id] });
      return stories.require(id);
    },

    'variants.list': ({ storyId }) => {
      stories.require(storyId);
      return { ...variants.list(storyId), context: channelContext(storyId) };
    },
    'variants.setEnabled': ({ storyId, channel, enabled }) => {
      stories.require(storyId);
      return variants.setEnabled(storyId, channel, enabled);
    },
    'variants.derive': ({ storyId, channel, mode, field }) => {
      stories.require(storyId);
      return mode === 'rederive'
        ? variants.rederive(storyId, channel, field)
        : variants.ensure(storyId, channel);
    },
    'variants.masterDiff': ({ storyId, channel }) => {
      stories.require(storyId);
      return variants.masterDiff(storyId, channel);
    },
    'variants.pull': ({ storyId, channel, fields }) => {
      stories.require(storyId);
      return variants.pull(storyId, channel, fields);
    },
    'variants.dismiss': ({ storyId, channel }) => {
      stories.require(storyId);
      return variants.dismiss(storyId, channel);
    },
    'variants.export': async ({ storyId, channels, target }) => {
      // The file is named after the headline as it is now, not as the summary had it
      // before the last keystrokes were projected.
      projectPending(storyId);
      const summary = stories.require(storyId);
      const unique = [...new Set(channels)];
      for (const c of unique) variants.ensure(storyId, c);
      const inputs = unique.map((channel) => ({
        channel,
        variant: variants.readVariant(storyId, channel),
      }));
      variants.release(storyId);
      const exported = await exportChannels(inputs, channelContext(storyId), {
        readAsset: (id, crop) => Promise.resolve(assets.readForExport(id, crop)),
      });
      const name = exportName(summary.headline, storyId, new Date());
      const result = {
        files: exported.channels,
        missing: exported.missing,
        checks: exported.checks,
      };
      if (target === 'zip')
        return {
          ...result,
          zip: { fileName: `${name}.zip`, data: toBase64(zipFiles(exported.files)) },
        };
      const parent = opts.chooseExportFolder
        ? await opts.chooseExportFolder(name)
        : path.join(opts.dataDir, 'exports');
      if (parent === null) return { ...result, files: [], cancelled: true };
      const folder = freeFolder(parent, name);
      await writeFolder(folder, exported.files);
      return { ...result, folder };
    },
    'workflow.state': ({ storyId }) => workflowService.state(storyId),
    'workflow.command': ({ storyId, command }) => {
      if (command.storyId !== storyId)
        throw new HostError('invalid_input', 'the command names another story');
      return workflowService.command(command);
    },
    'workflow.queues': ({ deskId }) => workflowService.queues(deskId),
    'workflow.notifications': ({ unreadOnly }) => workflowService.notifications(unreadOnly),
    'workflow.markNotificationsRead': ({ ids }) => workflowService.markRead(ids),
    'workflow.deliveries': ({ storyId }) => workflowService.deliveries(storyId),
    'scan.lists.get': () => workflowService.scanLists(),
    'scan.lists.put': (lists) => workflowService.putScanLists(lists),
    'authenticity.get': ({ storyId }) => workflowService.authenticity(storyId),
    'authenticity.apply': ({ storyId, op }) => workflowService.applyAuthenticity(storyId, op),
    'audit.report': ({ storyId, locale }) => workflowService.auditReport(storyId, locale),
    'audit.verify': () => workflowService.auditVerify(),
    'workflow.setReviewPlan': ({ deskId, plan }) => workflowService.setReviewPlan(deskId, plan),
    'assets.add': async ({ storyId, fileName, data }) => {
      stories.require(storyId);
      try {
        const added = await assets.add(storyId, fileName, fromBase64(data));
        photoSync.kick();
        return added;
      } catch (err) {
        const code = storageErrorCode(err);
        if (code) throw new HostError(code, 'could not store the photo');
        throw err;
      }
    },
    'assets.addRendition': async ({ sourceId, crop, data }) => {
      const made = await assets.addRendition(sourceId, crop, fromBase64(data));
      photoSync.kick();
      return made;
    },
    'assets.get': ({ id }) => {
      const found = assets.read(id);
      if (!found) throw new HostError('not_found', 'no such photo on this machine');
      return { id, mime: found.mime, data: toBase64(found.data) };
    },
    'variants.wechatClipboard': ({ storyId }) => {
      stories.require(storyId);
      variants.ensure(storyId, 'wechat');
      const variant = variants.readVariant(storyId, 'wechat') as WechatVariant;
      return wechatClipboard(variant, channelContext(storyId));
    },
  };

  return {
    handlers: opts.logger ? withCallLog(handlers, opts.logger) : handlers,
    db,
    docs,
    stories,
    variants,
    databaseFile,
    sync: syncService,
    assets,
    assetSync: photoSync,
    attach: (conn) => {
      connections.add(conn);
    },
    detach: (conn) => {
      connections.delete(conn);
      for (const docId of docs.dropConnection(conn)) syncService.closed(docId);
    },
    flush: flushProjections,
    close: () => {
      updatesOff?.();
      photoSync.stop();
      flushProjections();
      void syncService.stop();
      docs.shutdown();
      db.close();
    },
  };
}
