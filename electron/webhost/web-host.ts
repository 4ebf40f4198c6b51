// Serves the renderer to a browser and the host contract over a WebSocket
// (and plain HTTP POST for scripts), on 127.0.0.1 only, guarded by a token
// made fresh at every launch. The same services as Electron's main process,
// without Electron: this is what the end-to-end tests drive in Chromium.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../services/host/dispatch';
import type { Host } from '../services/host/create-host';
import type { Connection } from '../services/host/connection';
import { MAX_MESSAGE_BYTES } from '@shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';

export interface WebHostOptions {
  host: Host;
  rendererDir: string;
  port?: number;
  token?: string;
  log?: (msg: string) => void;
}

export interface RunningWebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startWebHost(opts: WebHostOptions): Promise<RunningWebHost> {
  const token = opts.token ?? crypto.randomBytes(32).toString('base64url');
  const log = opts.log ?? (() => undefined);
  const rendererDir = path.resolve(opts.rendererDir);
  let port = 0;
  let nextConnection = 1;

  /** Only our own origin: stops DNS rebinding and other pages on this machine. */
  const hostAllowed = (h: string | undefined) =>
    h === `127.0.0.1:${port}` || h === `localhost:${port}`;

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || !path.extname(rel)) rel = '/index.html';
    const file = path.resolve(rendererDir, '.' + rel);
    if (!file.startsWith(rendererDir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': rel.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      });
      res.end(data);
    });
  };

  const httpConnection: Connection = { id: 'http', emit: () => undefined };

  const handleCall = (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
    const auth = req.headers.authorization ?? '';
    if (!safeEqual(auth, `Bearer ${token}`)) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: false,
          error: { code: 'unauthorized', message: 'missing or wrong token' },
        }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_MESSAGE_BYTES) {
        res.writeHead(413, { 'Content-Type': 'application/json', Connection: 'close' });
        res.end(
          JSON.stringify({
            ok: false,
            error: { code: 'payload_too_large', message: 'request too large' },
          }),
        );
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      let input: unknown;
      try {
        input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            ok: false,
            error: { code: 'invalid_input', message: 'body is not JSON' },
          }),
        );
        return;
      }
      void dispatch(opts.host.handlers, name, input, { connection: httpConnection }).then(
        (result) => {
          res.writeHead(result.ok ? 200 : result.error.code === 'internal' ? 500 : 400, {
            'Content-Type': 'application/json',
          });
          res.end(JSON.stringify(result));
        },
      );
    });
  };

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host)) {
      res.writeHead(421).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
      handleCall(req, res, url.pathname.slice('/api/call/'.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = req.headers.origin;
    const okOrigin = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (
      url.pathname !== '/api/ws' ||
      !hostAllowed(req.headers.host) ||
      !okOrigin ||
      !safeEqual(url.searchParams.get('token') ?? '', token)
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket) {
    const conn: Connection = {
      id: `ws-${nextConnection++}`,
      emit: (name, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'event', name, payload }));
      },
    };
    opts.host.attach(conn);
    ws.on('message', (raw, isBinary) => {
      let msg: { t?: unknown; id?: unknown; name?: unknown; input?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        msg = JSON.parse(raw.toString()) as typeof msg;
      } catch {
        ws.send(
          JSON.stringify({
            t: 'error',
            error: { code: 'invalid_input', message: 'message is not JSON' },
          }),
        );
        return;
      }
      if (msg.t !== 'call' || typeof msg.id !== 'number') {
        ws.send(
          JSON.stringify({ t: 'error', error: { code: 'invalid_input', message: 'not a call' } }),
        );
        return;
      }
      const id = msg.id;
      void dispatch(opts.host.handlers, msg.name, msg.input, { connection: conn }).then(
        (result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id, result }));
        },
      );
    });
    ws.on('close', () => opts.host.detach(conn));
    ws.on('error', (err) => log(`websocket ${conn.id}: ${err.message}`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
