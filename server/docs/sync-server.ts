// The document socket: Hocuspocus on `/v1/sync`, sharing the HTTP(S) server
// with the API. Sockets that present a bad token at the upgrade are turned
// away with 401 before any WebSocket exists; messages are capped in size;
// sockets whose session expires or is revoked are closed.
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { Hocuspocus } from '@hocuspocus/server';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Redis } from 'ioredis';
import { SOCKET_CLOSE } from '@shared/sync/errors';
import { authenticate, sessionAlive } from '../auth/sessions';
import type { Db } from '../db/database';
import { durableSync, type DurableSyncOptions, type SocketContext } from './durable-sync';

export const SYNC_PATH = '/v1/sync';

export interface SyncServerOptions extends DurableSyncOptions {
  db: Db;
  maxMessageBytes: number;
  redis?: { createClient: () => Redis; prefix: string; instanceId: string } | undefined;
  /** Hocuspocus's store debounce: folds the log and projects the story row, never needed for durability. */
  storeDebounceMs: number;
  storeMaxDebounceMs: number;
  sessionCheckMs: number;
  clientIp: (req: IncomingMessage) => string;
}

export interface SyncServer {
  hocuspocus: Hocuspocus;
  /** Runs every pending store now, closes every socket, waits for the documents to unload. */
  close(): Promise<void>;
  connectionCount(): number;
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.write(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
  socket.destroy();
}

function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

export function attachSync(server: HttpServer, opts: SyncServerOptions): SyncServer {
  let closing = false;
  const extensions = [durableSync({ ...opts, closing: () => closing })];
  if (opts.redis) {
    const r = opts.redis;
    extensions.unshift(
      new RedisExtension({
        createClient: r.createClient,
        prefix: r.prefix,
        identifier: r.instanceId,
      }) as never,
    );
  }
  const hocuspocus = new Hocuspocus({
    name: opts.redis?.instanceId ?? 'rongmei',
    quiet: true,
    debounce: opts.storeDebounceMs,
    maxDebounce: opts.storeMaxDebounceMs,
    extensions,
  });
  const wss = new WebSocketServer({
    noServer: true,
    // Checked against the inflated size, so a compressed message cannot get round it.
    maxPayload: opts.maxMessageBytes,
    // A document's first sync (step 2: the whole story) is mostly Chinese text and deflates to a
    // third; on a 3G link that is most of a new desk's initial sync. Keystrokes (tens of bytes)
    // stay below the threshold and go as they are, and no zlib state is made for a socket until a
    // message crosses it; a small window keeps that state at ~80 KB.
    perMessageDeflate: {
      threshold: 1024,
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 12,
      clientMaxWindowBits: 12,
      zlibDeflateOptions: { memLevel: 7, level: 6 },
    },
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own error listener off a socket it hands over for an upgrade, and ws adds
    // one only in handleUpgrade: a client that resets while its token is being checked (a
    // dropped link; the database is asynchronous) would be an uncaught exception that takes the
    // whole server down.
    socket.on('error', () => socket.destroy());
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== SYNC_PATH) return refuseUpgrade(socket, 404, 'Not Found');
      if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
      let principal = null;
      const header = req.headers.authorization;
      if (header !== undefined) {
        const token = bearer(header);
        principal = token ? await authenticate(opts.db, token, opts.now()) : null;
        if (!principal) return refuseUpgrade(socket, 401, 'Unauthorized');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        // ws reports an oversized frame as an error and closes with 1009 itself.
        ws.on('error', () => undefined);
        const context: SocketContext = { socket: ws, principal, ip: opts.clientIp(req) };
        hocuspocus.handleConnection(ws, req, context);
      });
    })().catch(() => refuseUpgrade(socket, 500, 'Internal Server Error'));
  });

  // Sessions end while sockets stay open: check them now and then.
  const sweeper = setInterval(() => {
    void (async () => {
      const verdicts = new Map<string, boolean>();
      const now = opts.now();
      for (const doc of hocuspocus.documents.values()) {
        for (const conn of doc.getConnections()) {
          const p = (conn.context as Partial<SocketContext>).principal;
          const socket = (conn.context as Partial<SocketContext>).socket;
          if (!p || !socket) continue;
          let alive = verdicts.get(p.tokenHash);
          if (alive === undefined) {
            alive = p.expiresAt > now && (await sessionAlive(opts.db, p.tokenHash, now));
            verdicts.set(p.tokenHash, alive);
          }
          if (!alive) {
            conn.close(SOCKET_CLOSE.unauthorized);
            socket.close(SOCKET_CLOSE.unauthorized.code, SOCKET_CLOSE.unauthorized.reason);
          }
        }
      }
    })().catch((err: unknown) => opts.logger.error({ err }, 'session check failed'));
  }, opts.sessionCheckMs);
  sweeper.unref();

  return {
    hocuspocus,
    connectionCount: () => wss.clients.size,
    async close() {
      closing = true;
      clearInterval(sweeper);
      // Every acknowledged update is in the log already; run the pending
      // stores so snapshots and story rows are current too.
      const pending: Promise<unknown>[] = [];
      for (const name of hocuspocus.documents.keys()) {
        const run = hocuspocus.debouncer.executeNow(`onStoreDocument-${name}`) as
          Promise<unknown> | undefined;
        if (run) pending.push(run.catch(() => undefined));
      }
      await Promise.all(pending);
      await opts.log.drain();
      for (const ws of wss.clients)
        ws.close(SOCKET_CLOSE.shuttingDown.code, SOCKET_CLOSE.shuttingDown.reason);
      const deadline = Date.now() + 3000;
      while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      wss.close();
    },
  };
}
