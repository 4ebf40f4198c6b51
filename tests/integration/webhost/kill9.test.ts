// A reporter types; the host process is killed with SIGKILL at a random
// moment; on restart every edit the host acknowledged is there. 50 seeded
// rounds on one data directory, so later rounds also re-check the stories
// of earlier ones (after compaction, reloads and more kills).
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { HostSocket, startApiHost } from './web-host-process';
import { tempDir, removeTempDirs } from '../helpers';
import { rng } from '../../support/seeded-random';
import { applyTextEdit, fieldText, storyDocId } from '@shared/body/story-doc';
import { replaceBody } from '@shared/editor/headless-body';
import { newId } from '@shared/domain/ids';

afterAll(removeTempDirs);

const WORDS = [
  '记者',
  '秋粮',
  '收购',
  '进度过半',
  '，',
  '。',
  '玉米价格',
  '稳中有升',
  'COVID-19',
  '🌾',
  '合作社',
  '农民增收',
  ' ',
  '3.3亿亩',
];
const ROUNDS = Number(process.env.KILL9_ROUNDS ?? 50);

/** Does `host` contain everything in `acked`? Merging acked into a copy of host must change nothing. */
function containsAll(host: Y.Doc, acked: Uint8Array): boolean {
  const merged = new Y.Doc({ gc: false });
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(host));
  const before = Y.snapshot(merged);
  Y.applyUpdate(merged, acked);
  return Y.equalSnapshots(before, Y.snapshot(merged));
}

describe('SIGKILL while typing', () => {
  it(`keeps every acknowledged edit over ${ROUNDS} seeded rounds`, async () => {
    const dataDir = tempDir('rongmei-kill9-');
    const acknowledged = new Map<string, Uint8Array[]>();
    let lost = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const rand = rng(1000 + round);
      if (process.env.KILL9_DEBUG) console.log('round', round, new Date().toISOString());
      const web = await startApiHost(dataDir);
      const s = await HostSocket.connect(web);

      // Everything acknowledged in earlier rounds must still be there.
      for (const [docId, updates] of acknowledged) {
        const state = fromBase64(
          (await s.call('doc.open', { docId, clientId: 'verifier-01' })).state,
        );
        const host = new Y.Doc();
        Y.applyUpdate(host, state);
        if (!containsAll(host, Y.mergeUpdates(updates))) lost++;
      }

      const id = newId();
      const docId = storyDocId(id);
      await s.call('stories.create', { id });
      const local = new Y.Doc();
      Y.applyUpdate(
        local,
        fromBase64((await s.call('doc.open', { docId, clientId: 'reporter-01' })).state),
      );
      const acked: Uint8Array[] = [Y.encodeStateAsUpdate(local)];
      acknowledged.set(docId, acked);

      const edit = (i: number) => {
        const sv = Y.encodeStateVector(local);
        if (rand() < 0.1) {
          replaceBody(local, [
            { type: 'paragraph', runs: [{ text: `第${round}轮第${i}段：记者从农业农村部获悉。` }] },
          ]);
        } else {
          const t = fieldText(local, 'notes');
          const cur = t.toString();
          const at = Math.floor(rand() * (cur.length + 1));
          const next =
            rand() < 0.2 && cur.length > 2
              ? cur.slice(0, at) + cur.slice(at + 1)
              : cur.slice(0, at) + WORDS[Math.floor(rand() * WORDS.length)]! + cur.slice(at);
          applyTextEdit(t, next);
        }
        return Y.encodeStateAsUpdate(local, sv);
      };
      const push = (update: Uint8Array) =>
        s
          .raw('doc.push', { docId, clientId: 'reporter-01', update: toBase64(update) })
          .then((r) => {
            if (r.ok && r.value.persisted) acked.push(update);
          });

      // Some edits acknowledged one by one, then a burst in flight, killed part-way through.
      const settled = 3 + Math.floor(rand() * 25);
      for (let i = 0; i < settled; i++) await push(edit(i));
      const killAt = Math.floor(rand() * 20);
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        inFlight.push(push(edit(settled + i)));
        if (i === killAt) web.child.kill('SIGKILL');
        if (i % 4 === 0) await new Promise((r) => setImmediate(r));
      }
      await Promise.all(inFlight);
      await web.exited;
      s.close();
    }

    // One last start: every story of every round, checked after its final kill.
    const web = await startApiHost(dataDir);
    const s = await HostSocket.connect(web);
    let ackedEdits = 0;
    for (const [docId, updates] of acknowledged) {
      ackedEdits += updates.length - 1;
      const host = new Y.Doc();
      Y.applyUpdate(
        host,
        fromBase64((await s.call('doc.open', { docId, clientId: 'verifier-01' })).state),
      );
      expect(containsAll(host, Y.mergeUpdates(updates)), docId).toBe(true);
    }
    s.close();
    web.child.kill('SIGTERM');
    await web.exited;
    expect(lost).toBe(0);
    expect(acknowledged.size).toBe(ROUNDS);
    expect(ackedEdits).toBeGreaterThanOrEqual(ROUNDS * 3);
    console.log(`kill -9: ${ROUNDS} rounds, ${ackedEdits} acknowledged edits, 0 lost`);
  }, 600_000);
});
