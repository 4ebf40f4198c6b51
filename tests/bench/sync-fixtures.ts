// Shared set-up for the sync benchmarks: a newsroom server in this process
// (SQLite) with a reporter and a desk head on 时政部, and filed stories with
// real-sized Chinese text written straight into the server's store (the
// same rows, update log and projection the sync path makes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { storyDocId, writeInitialFields } from '@shared/body/story-doc';
import { bodyRoot } from '@shared/body/lexical-yjs-read';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/app';
import { createDesk, createUser } from '../../server/accounts/accounts';
import { authenticate, createSession, type Principal } from '../../server/auth/sessions';
import { ensureStory, projectDoc, saveProjection } from '../../server/stories/doc-story';
import { executeCommand } from '../../server/workflow/execute-command';
import { PASSWORD } from '../integration/server/harness';
import { generateStory, rng } from './news-corpus';

export const BENCH_PASSWORD = PASSWORD;

export interface BenchNewsroom {
  server: RunningServer;
  deskId: string;
  reporter: { login: string; token: string; principal: Principal };
  deskHead: { login: string; token: string };
  close(): Promise<void>;
}

export async function benchNewsroom(env: Record<string, string> = {}): Promise<BenchNewsroom> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-bench-sync-'));
  const server = await startServer(
    loadConfig({
      RONGMEI_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SCRYPT_N: '1024',
      RATE_LIMIT_PER_SECOND: '10000',
      RATE_LIMIT_BURST: '10000',
      WS_RATE_LIMIT_PER_SECOND: '100000',
      WS_RATE_LIMIT_BURST: '100000',
      ...env,
    }),
    { logger: { level: 'warn' } },
  );
  const db = server.store.db;
  const cost = { N: 1024, r: 8, p: 1 };
  const desk = await createDesk(db, { code: 'politics', name: '时政部', kind: 'topic' });
  const reporter = await createUser(
    db,
    {
      login: 'wang.li',
      displayName: '王立',
      role: 'reporter',
      password: BENCH_PASSWORD,
      deskIds: [desk.id],
    },
    cost,
  );
  const head = await createUser(
    db,
    {
      login: 'chen.hua',
      displayName: '陈华',
      role: 'desk_head',
      password: BENCH_PASSWORD,
      deskIds: [desk.id],
    },
    cost,
  );
  const rs = await createSession(db, reporter.id, 3600_000, 'bench');
  const hs = await createSession(db, head.id, 3600_000, 'bench');
  const principal = (await authenticate(db, rs.token, Date.now()))!;
  return {
    server,
    deskId: desk.id,
    reporter: { login: reporter.login, token: rs.token, principal },
    deskHead: { login: head.login, token: hs.token },
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A story document as the app writes one: text fields and Lexical paragraphs. */
export function storyDoc(random: () => number, paragraphs: number): Y.Doc {
  const s = generateStory(random, paragraphs);
  const doc = new Y.Doc();
  writeInitialFields(doc, {
    ...EMPTY_FIELDS,
    headline: s.headline,
    kicker: s.kicker,
    byline: s.byline,
  });
  const root = bodyRoot(doc);
  doc.transact(() => {
    for (const text of s.body.split('\n')) {
      const p = new Y.XmlText();
      p.setAttribute('__type', 'paragraph');
      root.insertEmbed(root.length, p);
      p.insert(0, text);
    }
  });
  return doc;
}

/** `n` stories filed to the desk: rows, documents in the update log, projections. Their ids. */
export async function seedFiledStories(
  nr: BenchNewsroom,
  n: number,
  seed: number,
  paragraphs = 8,
): Promise<{ ids: string[]; docBytes: number }> {
  const { server } = nr;
  const db = server.store.db;
  const engine = server.store.engine;
  const random = rng(seed);
  const ids: string[] = [];
  let docBytes = 0;
  for (let i = 0; i < n; i++) {
    const id = newId();
    const doc = storyDoc(random, paragraphs);
    const update = Y.encodeStateAsUpdate(doc);
    docBytes += update.byteLength;
    await ensureStory(db, engine, id, nr.reporter.principal.person.id, Date.now());
    await server.log.append(storyDocId(id), update);
    await saveProjection(db, engine, id, projectDoc(doc), Date.now());
    const answer = await executeCommand(db, engine, nr.reporter.principal, {
      id: newId(),
      type: 'story.file',
      storyId: id,
      deskId: nr.deskId,
      expectedRevision: 0,
      issuedAt: new Date().toISOString(),
    });
    if (answer.outcome.status !== 'applied') throw new Error(`seeding: ${answer.outcome.status}`);
    ids.push(id);
  }
  return { ids, docBytes };
}
