// A bare Hocuspocus-protocol client for sending what a well-behaved provider
// never would: garbage updates, oversized frames, broadcasts.
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const MSG_SYNC = 0;
const MSG_AUTH = 2;
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;
const AUTH_AUTHENTICATED = 2;
const SYNC_UPDATE = 2;

export interface RawSocket {
  ws: WebSocket;
  /** Resolves 'authenticated' or 'denied:<reason>' for the document. */
  auth(docName: string, token: string): Promise<string>;
  sendUpdate(docName: string, update: Uint8Array): void;
  closed: Promise<{ code: number; reason: string }>;
}

export function authMessage(docName: string, token: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, docName);
  encoding.writeVarUint(e, MSG_AUTH);
  encoding.writeVarUint(e, AUTH_TOKEN);
  encoding.writeVarString(e, token);
  return encoding.toUint8Array(e);
}

export function updateMessage(docName: string, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, docName);
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function openRaw(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const closed = new Promise<{ code: number; reason: string }>((res) =>
      ws.on('close', (code, reason) => res({ code, reason: reason.toString() })),
    );
    const waiting = new Map<string, (v: string) => void>();
    ws.on('message', (data: Buffer) => {
      try {
        const d = decoding.createDecoder(new Uint8Array(data));
        const doc = decoding.readVarString(d);
        if (decoding.readVarUint(d) !== MSG_AUTH) return;
        const sub = decoding.readVarUint(d);
        const done = waiting.get(doc);
        if (!done) return;
        if (sub === AUTH_AUTHENTICATED) done('authenticated');
        else if (sub === AUTH_PERMISSION_DENIED) done(`denied:${decoding.readVarString(d)}`);
      } catch {
        // not ours to understand
      }
    });
    ws.on('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error('upgrade refused'), { status: res.statusCode })),
    );
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        closed,
        auth(docName, token) {
          return new Promise((res) => {
            waiting.set(docName, res);
            ws.send(authMessage(docName, token));
          });
        },
        sendUpdate(docName, update) {
          ws.send(updateMessage(docName, update));
        },
      }),
    );
  });
}
