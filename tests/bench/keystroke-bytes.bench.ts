// Bytes on the Hocuspocus wire per keystroke while typing Chinese into a
// 20,000-字 story (through a headless Lexical editor bound to the story's Yjs
// document, so the updates are the ones the real editor makes), beside what
// sending the whole story again (a full-document PUT) would cost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { $getRoot, $isTextNode } from 'lexical';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { newId } from '@shared/domain/ids';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { paragraph, bodyToPlainText } from '@shared/body/blocks';
import { readStoryDoc, storyDocId, writeInitialFields } from '@shared/body/story-doc';
import { bindHeadless, replaceBody } from '@shared/editor/headless-body';
import { countWords } from '@shared/text/word-count';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/app';
import { createUser } from '../../server/accounts/accounts';
import { createSession } from '../../server/auth/sessions';
import { report, stats } from './harness';

const SENTENCES = [
  '国家统计局10月31日发布数据显示，10月份制造业采购经理指数（PMI）为50.2%，比上月上升0.4个百分点。',
  '记者在河南周口的田间看到，联合收割机来回穿梭，金黄的玉米粒倾泻进运粮车，农户们脸上挂满笑容。',
  '“今年亩产比去年多了80多斤，收购价也稳住了。”种粮大户张建国一边核对过磅单一边告诉记者。',
  '据介绍，全市今年秋粮播种面积达1,236万亩，其中玉米占比超过六成，机收率达到97.5%。',
  '与此同时，当地粮食部门启动最低收购价执行预案，设立收购网点412个，确保农民“卖粮不难”。',
  '专家指出，极端天气频发对粮食生产提出新挑战，要加快高标准农田建设，提升防灾减灾能力。',
  '在郑州商品交易所，玉米期货主力合约报收2,180元/吨，较上周微涨0.6%，市场预期总体平稳。',
  '下一步，有关部门将加强市场监测和调度，严厉打击压级压价、“打白条”等坑农害农行为🌾。',
];

function twentyThousandZi(): { blocks: ReturnType<typeof paragraph>[]; zi: number } {
  const blocks = [];
  let zi = 0;
  for (let i = 0; zi < 20_000; i++) {
    const text =
      [0, 1, 2].map((k) => SENTENCES[(i * 3 + k) % SENTENCES.length]!).join('') +
      `（第${i + 1}段）`;
    blocks.push(paragraph(text));
    zi += countWords(text).total;
  }
  return { blocks, zi };
}

const TYPED =
  '为切实保障粮食安全，各地正抓紧抢收抢烘，力争颗粒归仓。今年秋粮生产形势总体向好，丰收已成定局。'.repeat(
    4,
  );

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-bench-bytes-'));
  const server = await startServer(
    loadConfig({ RONGMEI_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', SCRYPT_N: '1024' }),
    {
      logger: { level: 'warn' },
    },
  );
  try {
    const p = await createUser(
      server.store.db,
      { login: 'wang.li', displayName: '王立', role: 'reporter', password: 'bench-password' },
      { N: 1024, r: 8, p: 1 },
    );
    const { token } = await createSession(server.store.db, p.id, 3600_000, 'bench');

    // The story, written where it was made (the reporter's laptop).
    const doc = new Y.Doc();
    const { blocks, zi } = twentyThousandZi();
    writeInitialFields(doc, {
      ...EMPTY_FIELDS,
      headline: '全国秋粮收购进度过半 市场运行总体平稳',
      byline: '新华社记者 王立',
    });
    replaceBody(doc, blocks);

    let sent = 0;
    let received = 0;
    let frames = 0;
    class CountingSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        this.on('message', (data: ArrayBuffer | Buffer) => (received += data.byteLength + 2));
      }
      override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
        const n = (data as Uint8Array).byteLength ?? Buffer.byteLength(String(data));
        // A client frame: payload + 2–4 header bytes + 4 mask bytes.
        sent += n + (n < 126 ? 6 : 8);
        frames++;
        (super.send as (...a: unknown[]) => void)(data, ...rest);
      }
    }
    const socket = new HocuspocusProviderWebsocket({
      url: server.syncUrl,
      WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: storyDocId(newId()),
      document: doc,
      token,
    });
    provider.attach();
    await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
    while (provider.hasUnsyncedChanges) await new Promise((r) => setTimeout(r, 5));
    const firstUpload = sent;

    // Type at the end of the story, one character per keystroke, as the editor would.
    // The editor works on its own copy, as the renderer does, and its updates flow to the synced document.
    const work = new Y.Doc();
    const editor = bindHeadless(work);
    Y.applyUpdate(work, Y.encodeStateAsUpdate(doc));
    editor.read(() => undefined);
    work.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u, 'editor'));
    sent = 0;
    received = 0;
    frames = 0;
    const perKey: number[] = [];
    for (const ch of TYPED) {
      const before = sent;
      editor.update(
        () => {
          const last = $getRoot().getLastDescendant();
          if ($isTextNode(last)) last.setTextContent(last.getTextContent() + ch);
        },
        { discrete: true },
      );
      perKey.push(sent - before);
      while (provider.hasUnsyncedChanges) await new Promise((r) => setTimeout(r, 1));
    }
    const keys = [...TYPED].length;
    const content = readStoryDoc(doc);
    if (!bodyToPlainText(content.body).endsWith(TYPED.slice(-20)))
      throw new Error('typing did not reach the body');
    const upPerKey = sent / keys;
    const downPerKey = received / keys;
    const s = stats(perKey);

    // The baseline: the whole story as JSON, as a REST client would PUT it after each change.
    const putBody = JSON.stringify({ fields: content.fields, body: content.body });
    const putHeaders =
      'PUT /v1/stories/01a21bf5-5c9a-7617-b589-d06abe51c87f HTTP/1.1\r\nHost: newsroom.example.cn\r\n' +
      'Authorization: Bearer LJVBqPUtkJkaFBV8ROQ4DW03BV_NrAUc2h1FMJnVa8E\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(putBody)}\r\n\r\n`;
    const putBytes = Buffer.byteLength(putBody) + putHeaders.length;
    console.log(
      `      story: ${zi} 字 in ${blocks.length} paragraphs; first upload ${(firstUpload / 1024).toFixed(0)} KiB; ` +
        `${keys} keystrokes in ${frames} frames (each names its document: 42 B of "story:<uuid>"); down (acks) ${downPerKey.toFixed(1)} B/keystroke`,
    );
    report({
      name: 'sync: bytes per keystroke, Chinese into a 20,000-字 story',
      figure: `${upPerKey.toFixed(1)} B/keystroke up (p50 ${s.p50} B, max ${s.max} B, WebSocket framing included)`,
      baseline: `full-document PUT of the same story: ${(putBytes / 1024).toFixed(1)} KiB`,
      ratio: `${(putBytes / upPerKey).toFixed(0)}× smaller than a PUT`,
      target: '≤ 100 B per keystroke; PUT ≥ 50× larger',
      pass: upPerKey <= 100 && putBytes / upPerKey >= 50,
    });
    provider.destroy();
    socket.destroy();
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
