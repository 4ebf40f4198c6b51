// The Hocuspocus extension that makes "acknowledged" mean "durably stored".
// Hocuspocus applies an incoming update, sends SyncStatus (the client's
// "saved") and only later runs its debounced store — a kill -9 in between
// loses what every client believes is safe. Here, every document update is
// checked and appended to the update log *before* Hocuspocus sees it
// (beforeHandleMessage is awaited before the message is applied, acknowledged
// and broadcast), so nothing is acknowledged that is not on disk. The same
// extension signs sockets in, authorises each document, loads documents from
// the log, and folds the log / projects the story row on Hocuspocus's store.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import type {
  Extension,
  beforeHandleMessagePayload,
  onAuthenticatePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
  afterUnloadDocumentPayload,
} from '@hocuspocus/server';
import { parseDocId } from '@shared/body/story-doc';
import { SOCKET_CLOSE } from '@shared/sync/errors';
import { canEditPublishedVariant, canEditText, canSee } from '@shared/workflow/story-rules';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import { authenticate, type Principal } from '../auth/sessions';
import { isSharedWith } from '../stories/story-repo';
import { ensureStory, projectDoc, saveProjection } from '../stories/doc-story';
import type { RateLimiter } from '../http/rate-limit';
import { applyAll, type UpdateLog } from './update-log';

/** What each socket carries from the upgrade into every hook. */
export interface SocketContext {
  socket: WebSocket;
  /** Signed in at the upgrade (Authorization header), or by the provider's token. */
  principal: Principal | null;
  ip: string;
  storyId?: string;
}

export interface DurableSyncOptions {
  db: Db;
  engine: Engine;
  log: UpdateLog;
  wsLimiter: RateLimiter;
  maxUpdateBytes: number;
  /** Fold a document's log into its snapshot after this many appends. */
  compactEvery: number;
  now: () => number;
  onFeedChange: (seq: number) => void;
  /** True while the server shuts down: every store then folds the log too. */
  closing?: () => boolean;
  logger: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}

// Hocuspocus message types (its MessageType enum) and y-protocols sync steps.
const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_SYNC_REPLY = 4;
const MSG_BROADCAST_STATELESS = 6;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** A close event Hocuspocus understands when a hook throws it. */
class SocketRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function closeSocket(socket: WebSocket, close: { code: number; reason: string }): void {
  // Let Hocuspocus's own reply (PermissionDenied, close message) go out first.
  setImmediate(() => {
    if (socket.readyState === socket.OPEN) socket.close(close.code, close.reason);
  });
}

/** The Yjs update a sync message carries, or null for messages without one. */
export function updateOf(message: Uint8Array): {
  docName: string;
  type: number;
  update: Uint8Array | null;
} {
  const d = decoding.createDecoder(message);
  const docName = decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  if (type !== MSG_SYNC && type !== MSG_SYNC_REPLY) return { docName, type, update: null };
  const step = decoding.readVarUint(d);
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return { docName, type, update: null };
  return { docName, type, update: decoding.readVarUint8Array(d) };
}

/** True when the update holds nothing the document lacks (a re-sent keystroke after a reconnect). */
function addsNothing(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
  if (decoded.ds.clients.size > 0) return false;
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  return decoded.structs.every((s) => (sv.get(s.id.client) ?? 0) >= s.id.clock + s.length);
}

export function durableSync(opts: DurableSyncOptions): Extension {
  const { db, engine, log } = opts;
  return {
    extensionName: 'rongmei-durable-sync',
    // After Redis (1000) so its store lock is taken before we fold the log.
    priority: 500,

    async onAuthenticate(data: onAuthenticatePayload) {
      const ctx = data.context as SocketContext;
      const token = data.token;
      const principal = token ? await authenticate(db, token, opts.now()) : ctx.principal;
      if (!principal) {
        closeSocket(ctx.socket, SOCKET_CLOSE.unauthorized);
        throw new SocketRefusal(SOCKET_CLOSE.unauthorized.code, SOCKET_CLOSE.unauthorized.reason);
      }
      const parsed = parseDocId(data.documentName);
      if (!parsed) throw new SocketRefusal(SOCKET_CLOSE.forbidden.code, 'unknown-document');
      const { story } = await ensureStory(
        db,
        engine,
        parsed.storyId,
        principal.person.id,
        opts.now(),
      );
      const access = {
        story,
        sharedWithActor: await isSharedWith(db, story.id, principal.person.id),
      };
      const actor = {
        id: principal.person.id,
        role: principal.person.role,
        deskIds: principal.deskIds,
        channelDesk: principal.channelDesk,
      };
      if (!canSee(actor, access))
        throw new SocketRefusal(SOCKET_CLOSE.forbidden.code, SOCKET_CLOSE.forbidden.reason);
      const correcting = parsed.kind === 'variant' && canEditPublishedVariant(actor, access);
      if (!canEditText(actor, access) && !correcting) data.connectionConfig.readOnly = true;
      return { principal, storyId: story.id };
    },

    async onLoadDocument(data: onLoadDocumentPayload) {
      const { updates } = await log.load(data.documentName);
      applyAll(data.document, updates, (err) =>
        opts.logger.error(
          { err, doc: data.documentName },
          'stored update failed to apply; skipped',
        ),
      );
    },

    async beforeHandleMessage(data: beforeHandleMessagePayload) {
      const ctx = data.context as SocketContext;
      const who = ctx.principal;
      if (!who)
        throw new SocketRefusal(SOCKET_CLOSE.unauthorized.code, SOCKET_CLOSE.unauthorized.reason);
      if (!opts.wsLimiter.take(who.person.id)) {
        closeSocket(ctx.socket, SOCKET_CLOSE.rateLimited);
        throw new SocketRefusal(SOCKET_CLOSE.rateLimited.code, SOCKET_CLOSE.rateLimited.reason);
      }
      let parsed: ReturnType<typeof updateOf>;
      let decoded: ReturnType<typeof Y.decodeUpdate> | null = null;
      try {
        parsed = updateOf(data.update);
        if (parsed.update) decoded = Y.decodeUpdate(parsed.update);
      } catch {
        opts.logger.warn(
          { user: who.person.id, doc: data.documentName },
          'malformed document message',
        );
        closeSocket(ctx.socket, SOCKET_CLOSE.malformedUpdate);
        throw new SocketRefusal(
          SOCKET_CLOSE.malformedUpdate.code,
          SOCKET_CLOSE.malformedUpdate.reason,
        );
      }
      // Telling everyone else on the document something is the server's job, not a client's.
      if (parsed.type === MSG_BROADCAST_STATELESS)
        throw new SocketRefusal(SOCKET_CLOSE.forbidden.code, 'broadcast-not-allowed');
      if (parsed.type === MSG_AWARENESS || !parsed.update || !decoded) return;
      if (parsed.update.byteLength > opts.maxUpdateBytes) {
        closeSocket(ctx.socket, SOCKET_CLOSE.tooLarge);
        throw new SocketRefusal(SOCKET_CLOSE.tooLarge.code, SOCKET_CLOSE.tooLarge.reason);
      }
      // Hocuspocus refuses (and does not apply) updates on a read-only connection.
      if (data.connection.readOnly) return;
      if (addsNothing(data.document, decoded)) return;
      try {
        await log.append(data.documentName, parsed.update);
      } catch (err) {
        opts.logger.error(
          { err, doc: data.documentName },
          'could not store an update; refusing it',
        );
        closeSocket(ctx.socket, SOCKET_CLOSE.storageFailed);
        throw new SocketRefusal(SOCKET_CLOSE.storageFailed.code, SOCKET_CLOSE.storageFailed.reason);
      }
    },

    async onStoreDocument(data: onStoreDocumentPayload) {
      const name = data.documentName;
      try {
        if (
          log.pendingCompaction(name) >= opts.compactEvery ||
          data.document.getConnectionsCount() === 0 ||
          opts.closing?.()
        )
          await log.compact(name, (err) =>
            opts.logger.error({ err, doc: name }, 'skipped a bad stored update'),
          );
        const parsed = parseDocId(name);
        // Only the master document projects into the story row; a channel's version has its own title.
        if (parsed?.kind === 'story') {
          const seq = await saveProjection(
            db,
            engine,
            parsed.storyId,
            projectDoc(data.document),
            opts.now(),
          );
          if (seq !== null) opts.onFeedChange(seq);
        }
      } catch (err) {
        // The log already holds every update; folding and projecting can wait for the next store.
        opts.logger.error({ err, doc: name }, 'document store step failed');
      }
    },

    async afterUnloadDocument(data: afterUnloadDocumentPayload) {
      log.forget(data.documentName);
    },
  };
}
