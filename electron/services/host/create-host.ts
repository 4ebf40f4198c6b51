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
import { NoticeSchema, SettingsSchema, type Notice, type Settings } from '@shared/api/contract';
import { HostError } from '@shared/api/errors';
import { parseDocId, readStoryDoc, storyDocId } from '@shared/body/story-doc';
import type { StoryFields } from '@shared/domain/story';
import type { Block } from '@shared/body/blocks';
import { newId } from '@shared/domain/ids';
import type { ChannelContext } from '@shared/channels';
import type { ChannelContextData } from '@shared/variants/schemas';
import { wechatClipboard, type WechatVariant } from '@shared/channels/wechat';

export interface HostOptions {
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  /** Delay between the last edit and the summary/search projection (ms). */
  projectionDelayMs?: number;
  compactEvery?: number;
  retryDelayMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /**
   * Asks the user where to export (Electron: a folder dialog); resolves the
   * chosen parent folder, or null when the user cancelled. Without it, exports
   * go to `<dataDir>/exports/`.
   */
  chooseExportFolder?: (suggestedName: string) => Promise<string | null>;
}

export interface Host {
  handlers: Handlers;
  attach(conn: Connection): void;
  detach(conn: Connection): void;
  /** Writes pending projections and compacts documents; call before exit. */
  close(): void;
  readonly db: Db;
  readonly docs: DocHub;
  readonly stories: StoryStore;
  readonly variants: VariantService;
  readonly databaseFile: string;
}

const NoticesSchema = z.array(NoticeSchema);
const DUPLICATE_SUFFIX: Record<Settings['locale'], string> = { 'zh-CN': '（副本）', en: ' (copy)' };

export function createHost(opts: HostOptions): Host {
  const log = opts.log ?? ((m, e) => console.error(`[rongmei] ${m}`, e ?? ''));
  const databaseFile = path.join(opts.dataDir, 'rongmei.db');
  const { db, recoveredFrom } = openDatabase(databaseFile);
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

  const docs = new DocHub(db, {
    compactEvery: opts.compactEvery,
    retryDelayMs: opts.retryDelayMs,
    onChange: (docId, _doc, origin) => {
      if (origin !== HOST_ORIGIN) scheduleProjection(docId);
    },
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

  const variants = new VariantService({
    db,
    docs,
    context: channelContext,
    onChanged: (storyId, channels) => broadcast('variants.changed', { storyId, channels }),
  });

  /** Stores a new story row and its first document state in one transaction. */
  const createStory = (id: string, fields: Partial<StoryFields>, body: readonly Block[]) => {
    const update = initialStoryUpdate(fields, body);
    const docId = storyDocId(id);
    const now = new Date().toISOString();
    let rowId = 0;
    try {
      db.transaction(() => {
        stories.create(id, now);
        rowId = docs.storeHostUpdate(docId, update);
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

  const handlers: Handlers = {
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
      return createStory(copyId, { ...content.fields, headline }, content.body);
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
      return { state: toBase64(docs.open(docId, clientId, connection)) };
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
      return {};
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
      const summary = stories.require(storyId);
      const unique = [...new Set(channels)];
      for (const c of unique) variants.ensure(storyId, c);
      const inputs = unique.map((channel) => ({
        channel,
        variant: variants.readVariant(storyId, channel),
      }));
      variants.release(storyId);
      const exported = await exportChannels(inputs, channelContext(storyId));
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
    'variants.wechatClipboard': ({ storyId }) => {
      stories.require(storyId);
      variants.ensure(storyId, 'wechat');
      const variant = variants.readVariant(storyId, 'wechat') as WechatVariant;
      return wechatClipboard(variant, channelContext(storyId));
    },
  };

  return {
    handlers,
    db,
    docs,
    stories,
    variants,
    databaseFile,
    attach: (conn) => {
      connections.add(conn);
    },
    detach: (conn) => {
      connections.delete(conn);
      docs.dropConnection(conn);
    },
    close: () => {
      for (const [docId, t] of dirty) {
        if (t) clearTimeout(t);
        project(docId);
      }
      docs.shutdown();
      db.close();
    },
  };
}
