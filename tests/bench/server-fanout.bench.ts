// 500 simulated clients on 50 story documents against one newsroom server
// (a child process, SQLite, every update stored before it is acknowledged):
// how long an edit takes to reach the other nine people on its document.
// Baseline: the same clients and rate through a bare WebSocket relay with no
// Yjs, no authorisation and no storage, in the same run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { storyDocId } from '@shared/body/story-doc';
import { openStore } from '../../server/db/database';
import { createDesk, createUser } from '../../server/accounts/accounts';
import { createSession } from '../../server/auth/sessions';
import { authMessage, updateMessage } from '../integration/server/raw-socket';
import { spawnServer } from '../integration/server/child-server';
import { fmt, report, stats } from './harness';

const DOCS = 50;
const PER_DOC = 10;
const EDITS_PER_DOC_PER_S = 10; // 500 clients typing a keystroke a second each
const MEASURE_MS = 8000;
const WARMUP_MS = 1500;

interface Client {
  ws: WebSocket;
  doc: Y.Doc;
  room: number;
}

/**
 * A keystroke: appended to the client's own paragraph. Raw clients do not keep
 * the others' edits, so each types into a text of its own; inserting at one
 * shared spot without seeing the others would make Yjs resolve an ever-longer
 * run of concurrent inserts, which real synced editors never do.
 */
function keystroke(c: Client, marker: string): Uint8Array {
  const before = Y.encodeStateVector(c.doc);
  const text = c.doc.getText(`para-${c.doc.clientID}`);
  text.insert(text.length, marker);
  return Y.encodeStateAsUpdate(c.doc, before);
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function connectAll(make: (room: number, i: number) => Promise<Client>): Promise<Client[]> {
  const out: Client[] = [];
  for (let room = 0; room < DOCS; room++)
    out.push(...(await Promise.all(Array.from({ length: PER_DOC }, (_, i) => make(room, i)))));
  return out;
}

/** Each room's clients take turns typing; returns latencies (ms) from send to each other client's receipt. */
async function drive(
  clients: Client[],
  send: (c: Client, marker: string) => void,
  onMessage: (c: Client, handler: (data: Buffer) => void) => void,
): Promise<number[]> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = false;
  for (const c of clients)
    onMessage(c, (data) => {
      const at = performance.now();
      const i = data.indexOf('\u00a7');
      if (i < 0) return;
      const end = data.indexOf('\u00a7', i + 2);
      const marker = data.subarray(i, end + 2).toString();
      const t = sentAt.get(marker);
      if (t !== undefined && measuring) latencies.push(at - t);
    });
  const rooms = Array.from({ length: DOCS }, (_, r) => clients.filter((c) => c.room === r));
  let seq = 0;
  const interval = 1000 / EDITS_PER_DOC_PER_S;
  const timers = rooms.map((members, r) => {
    let turn = 0;
    const timer = setInterval(() => {
      const c = members[turn++ % members.length]!;
      const marker = `\u00a7${r}-${seq++}\u00a7`;
      sentAt.set(marker, performance.now());
      send(c, marker);
    }, interval);
    return timer;
  });
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  measuring = true;
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  measuring = false;
  for (const t of timers) clearInterval(t);
  await new Promise((r) => setTimeout(r, 300));
  return latencies;
}

const RELAY = `
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
const rooms = new Map();
wss.on('connection', (ws, req) => {
  const room = req.url;
  if (!rooms.has(room)) rooms.set(room, new Set());
  rooms.get(room).add(ws);
  ws.on('message', (m) => { for (const o of rooms.get(room)) if (o !== ws) o.send(m); });
  ws.on('close', () => rooms.get(room).delete(ws));
});
wss.on('listening', () => console.log('RELAY ' + wss.address().port));
`;

async function relayBaseline(): Promise<{ latencies: number[] }> {
  const proc = spawn(process.execPath, ['-e', RELAY], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) =>
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /RELAY (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    }),
  );
  const clients = await connectAll(
    (room) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/room-${room}`);
        ws.on('open', () => resolve({ ws, doc: new Y.Doc(), room }));
        ws.on('error', reject);
      }),
  );
  const latencies = await drive(
    clients,
    (c, marker) => c.ws.send(updateMessage('x', keystroke(c, marker))),
    (c, h) => c.ws.on('message', h),
  );
  for (const c of clients) c.ws.terminate();
  proc.kill('SIGKILL');
  return { latencies };
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-bench-'));
  const store = await openStore({ dataDir });
  const desk = await createDesk(store.db, { code: 'politics', name: '时政部', kind: 'topic' });
  const tokens: string[] = [];
  // One person per document room, so per-person limits are those of real use.
  for (let r = 0; r < DOCS; r++) {
    const p = await createUser(
      store.db,
      {
        login: `reporter${r}`,
        displayName: `记者${r}`,
        role: 'reporter',
        password: 'bench-password',
        deskIds: [desk.id],
      },
      { N: 1024, r: 8, p: 1 },
    );
    tokens.push((await createSession(store.db, p.id, 3600_000, 'bench')).token);
  }
  await store.close();
  const server = await spawnServer(
    { RONGMEI_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
    [],
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=.tmp/prof" to see where the server spends its time
    (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  const pid = server.proc.pid!;
  const idle = rssMiB(pid);
  const names = Array.from({ length: DOCS }, () => storyDocId(newId()));
  const clients = await connectAll(
    (room) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(server.syncUrl);
        const name = names[room]!;
        ws.on('open', () => ws.send(authMessage(name, tokens[room]!)));
        ws.on('message', function first() {
          ws.off('message', first);
          resolve({ ws, doc: new Y.Doc(), room });
        });
        ws.on('error', reject);
      }),
  );
  const connected = rssMiB(pid);
  const latencies = await drive(
    clients,
    (c, marker) => c.ws.send(updateMessage(names[c.room]!, keystroke(c, marker))),
    (c, h) => c.ws.on('message', h),
  );
  const loaded = rssMiB(pid);
  for (const c of clients) c.ws.terminate();
  server.proc.kill('SIGTERM');
  await server.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });

  const base = await relayBaseline();
  const s = stats(latencies);
  const b = stats(base.latencies);
  const expected = ((MEASURE_MS / 1000) * EDITS_PER_DOC_PER_S * DOCS * (PER_DOC - 1)) | 0;
  console.log(
    `      ${clients.length} clients, ${DOCS} documents, ${DOCS * EDITS_PER_DOC_PER_S} edits/s; ` +
      `${s.n} deliveries measured (≈${expected} expected); server RSS idle ${idle.toFixed(0)} MiB, ` +
      `500 sockets ${connected.toFixed(0)} MiB, after load ${loaded.toFixed(0)} MiB; ${os.cpus().length} cores`,
  );
  report({
    name: 'server: update fan-out, 500 clients on 50 documents',
    figure: `p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, max ${fmt(s.max)}; server RSS ${loaded.toFixed(0)} MiB`,
    baseline: `bare WebSocket relay (no Yjs, auth or storage): p50 ${fmt(b.p50)}, p99 ${fmt(b.p99)}`,
    ratio: `${(s.p99 / Math.max(b.p99, 0.001)).toFixed(1)}× the relay's p99`,
    target: 'p99 < 100 ms, every delivery arrives',
    pass: s.p99 < 100 && s.n >= expected * 0.95,
  });
}
