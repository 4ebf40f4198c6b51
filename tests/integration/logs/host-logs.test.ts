// The host's log files and the diagnostics zip, with a real host writing a
// real story: the log records what happened (calls, ids, outcomes) and none
// of the story's words, nor the database key; the diagnostics zip holds the
// logs and the version facts IT asks for.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { strFromU8, unzipSync } from 'fflate';
import { createHost, type Host } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { Connection } from '../../../electron/services/host/connection';
import { createFileLogger, type FileLogger } from '../../../electron/services/logs/logger';
import { newId } from '@shared/domain/ids';
import { applyTextEdit, fieldText, storyDocId } from '@shared/body/story-doc';
import { replaceBody } from '@shared/editor/headless-body';
import { paragraph } from '@shared/body/blocks';
import type { CallName } from '@shared/api/contract';
import { UpdateStatusSchema } from '@shared/updates/status';

const ROOT = path.resolve(__dirname, '../../..');
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const HEADLINE = '黄河岸边的丰收季：合作社带动农户增收 Yellow River harvest';
const BYLINE = '本报记者 刘洋';
const BODY = [
  '11月26日，记者走进黄河岸边的合作社，只见晾晒场上金黄的玉米堆成了小山。',
  'Zhengzhou cooperative chairman Wang Jianguo said yields rose 12% 🌽 this season.',
  '统一购种，每亩节省成本30元；统一销售，价格比散户高5%。',
];
const KEYWORD = '乡村振兴示范区';
/** Pieces of the story that must never appear in a log. */
const SECRETS = [
  '黄河岸边',
  '丰收季',
  '合作社',
  'Yellow River harvest',
  '刘洋',
  '晾晒场',
  'Zhengzhou',
  'Wang Jianguo',
  '每亩节省',
  KEYWORD,
  '秋粮',
];

function setup(logLevel: 'debug' | 'info', maxBytes = 64 * 1024) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-logs-host-'));
  const logDir = path.join(dataDir, 'logs');
  const logger: FileLogger = createFileLogger({ dir: logDir, level: logLevel, maxBytes, files: 5 });
  const databaseKey = crypto.randomBytes(32);
  const host: Host = createHost({
    dataDir,
    host: 'web',
    version: '1.4.2',
    databaseKey,
    projectionDelayMs: 1,
    logger,
    logFiles: () => logger.file.existing(),
    log: (m) => logger.warn('host.warning', { message: m }),
  });
  cleanups.push(() => {
    host.close();
    logger.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const conn: Connection = { id: 'c1', emit: () => undefined };
  host.attach(conn);
  const call = async (name: CallName, input: unknown) => {
    const r = await dispatch(host.handlers, name, input, { connection: conn }, () => undefined);
    return r;
  };
  const logText = () =>
    logger.file
      .existing()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('');
  return { host, logger, logDir, call, logText, databaseKey, dataDir };
}

async function writeStory(call: ReturnType<typeof setup>['call']): Promise<string> {
  const id = newId();
  const created = await call('stories.create', {
    id,
    fields: { byline: BYLINE, keywords: [KEYWORD] },
  });
  expect(created.ok).toBe(true);
  const opened = await call('doc.open', { docId: storyDocId(id), clientId: 'client-0001' });
  if (!opened.ok) throw new Error(opened.error.message);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64((opened.value as { state: string }).state));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  // Typed in small pieces, as the editor sends them.
  for (let i = 1; i <= HEADLINE.length; i += 7)
    applyTextEdit(fieldText(doc, 'headline'), HEADLINE.slice(0, i));
  applyTextEdit(fieldText(doc, 'headline'), HEADLINE);
  replaceBody(doc, BODY.map(paragraph));
  for (const u of updates) {
    const pushed = await call('doc.push', {
      docId: storyDocId(id),
      clientId: 'client-0001',
      update: toBase64(u),
    });
    expect(pushed.ok).toBe(true);
  }
  await call('doc.close', { docId: storyDocId(id), clientId: 'client-0001' });
  await new Promise((r) => setTimeout(r, 30));
  return id;
}

describe('host logs', () => {
  it('record calls by id and outcome, never story text or the database key', async () => {
    const { call, logText, databaseKey } = setup('debug');
    const id = await writeStory(call);
    expect((await call('stories.list', { query: '丰收' })).ok).toBe(true);
    expect((await call('stories.duplicate', { id, newId: newId() })).ok).toBe(true);
    expect((await call('stories.trash', { id })).ok).toBe(true);
    const md = fs.readFileSync(path.join(ROOT, 'tests/fixtures/import/乡村振兴.md'));
    expect(
      (
        await call('stories.import', {
          id: newId(),
          fileName: '乡村振兴.md',
          data: md.toString('base64'),
        })
      ).ok,
    ).toBe(true);
    // Failures too: an import that cannot be read, a story that does not exist.
    const bad = await call('stories.import', {
      id: newId(),
      fileName: '秋粮收购（定稿）.docx',
      data: Buffer.from('秋粮收购 not a docx').toString('base64'),
    });
    expect(bad.ok).toBe(false);
    expect((await call('stories.get', { id: newId() })).ok).toBe(false);

    const text = logText();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // It did log: what happened, about which story, how it ended.
    expect(lines.find((l) => l.call === 'stories.create')).toMatchObject({
      event: 'call',
      outcome: 'ok',
      storyId: id,
    });
    expect(lines.find((l) => l.call === 'stories.trash')).toMatchObject({
      storyId: id,
      level: 'info',
    });
    const failedImport = lines.find((l) => l.call === 'stories.import' && l.outcome !== 'ok');
    expect(failedImport?.outcome).toMatch(/^import_/);
    expect(failedImport?.level).toBe('warn');
    expect(
      lines.some(
        (l) => l.call === 'stories.get' && l.outcome === 'not_found' && l.level === 'warn',
      ),
    ).toBe(true);
    expect(lines.filter((l) => l.call === 'doc.push')).toEqual([]); // keystrokes are not logged
    // And nothing of the story.
    for (const s of [...SECRETS, ...BODY, HEADLINE]) expect(text, s).not.toContain(s);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toContain(databaseKey.toString('hex'));
    expect(text).not.toContain(databaseKey.toString('base64'));
  });

  it('rotate under a long session and stay within their size', async () => {
    const { call, logDir, logText } = setup('debug', 4096);
    for (let i = 0; i < 40; i++) await writeStory(call);
    const files = fs.readdirSync(logDir);
    expect(files).toHaveLength(5);
    for (const f of files) expect(fs.statSync(path.join(logDir, f)).size).toBeLessThanOrEqual(4096);
    for (const s of SECRETS) expect(logText(), s).not.toContain(s);
  });
});

describe('diagnostics', () => {
  it('zips the logs and the versions, without secrets or story text (web host: bytes to download)', async () => {
    const { call, databaseKey } = setup('info');
    await writeStory(call);
    const r = await call('diagnostics.collect', {});
    if (!r.ok) throw new Error(r.error.message);
    const result = r.value as {
      fileName: string;
      savedTo: string | null;
      data: string;
      bytes: number;
    };
    expect(result.fileName).toMatch(/^rongmei-diagnostics-\d{8}-\d{6}Z\.zip$/);
    expect(result.savedTo).toBeNull();
    const zip = Buffer.from(result.data, 'base64');
    expect(zip.length).toBe(result.bytes);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual(['about.json', 'logs/rongmei.log']);
    const about = JSON.parse(strFromU8(files['about.json']!)) as Record<
      string,
      Record<string, unknown>
    >;
    expect(about.app).toEqual({ version: '1.4.2', host: 'web' });
    expect(about.versions!.node).toBe(process.versions.node);
    expect(about.os).toMatchObject({ platform: process.platform, arch: process.arch });
    expect(String(about.sqlite!.version)).toMatch(/^3\.\d+\.\d+$/);
    expect(about.sqlite!.schemaVersion).toBeGreaterThanOrEqual(2);
    expect(about.settings).toEqual({ locale: 'zh-CN' });
    expect(UpdateStatusSchema.parse(about.updates)).toMatchObject({
      state: 'unavailable',
      reason: 'web_host',
    });
    expect(strFromU8(files['logs/rongmei.log']!)).toContain('"call":"stories.create"');
    const all = Buffer.concat(Object.values(files).map((b) => Buffer.from(b))).toString('utf8');
    for (const s of SECRETS) expect(all, s).not.toContain(s);
    expect(all).not.toContain(databaseKey.toString('hex'));
  });

  it('in the desktop app, hands the zip to the save dialog and returns where it went', async () => {
    const saved: Array<{ name: string; bytes: number }> = [];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-diag-'));
    const host = createHost({
      dataDir,
      host: 'electron',
      version: '1.4.2',
      saveFile: async (name, bytes) => {
        saved.push({ name, bytes: bytes.length });
        const target = path.join(dataDir, name);
        fs.writeFileSync(target, bytes);
        return target;
      },
    });
    cleanups.push(() => {
      host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const conn: Connection = { id: 'c', emit: () => undefined };
    const r = await dispatch(host.handlers, 'diagnostics.collect', {}, { connection: conn });
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { savedTo: string; data: null; fileName: string };
    expect(v.data).toBeNull();
    expect(v.savedTo).toBe(path.join(dataDir, v.fileName));
    expect(unzipSync(new Uint8Array(fs.readFileSync(v.savedTo)))['about.json']).toBeDefined();
    expect(saved).toHaveLength(1);
  });

  it('reports the updater as not available in the web host', async () => {
    const { call } = setup('info');
    const s = await call('updates.status', {});
    expect(s).toMatchObject({
      ok: true,
      value: { state: 'unavailable', reason: 'web_host', currentVersion: '1.4.2' },
    });
    expect(await call('updates.install', {})).toEqual({ ok: true, value: { installing: false } });
    expect((await call('updates.check', {})).ok).toBe(true);
  });
});
