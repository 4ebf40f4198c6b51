// A reporter's host and a desk's host (whole desktop hosts) work on one
// filed story, each through its own link (fault proxy: 50 ms RTT, 10
// Mbit/s). Both links go down for 60 s (BENCH_PARTITION_S shortens it):
// open connections go silent, new ones are refused. Both people keep
// typing, and the reporter files a new story. How long after the links come
// back until both hosts and the server hold the same text, and the new
// story is in the desk's library? Baseline: how long one edit takes to
// reach the other host when nothing is wrong, in the same run.
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { storyDocId } from '@shared/body/story-doc';
import { FaultProxy, type LinkShape } from '../support/fault-proxy';
import { rng } from '../support/seeded-random';
import { desktop, Editor, signIn, until, type Desktop } from '../integration/sync/sync-harness';
import { contentOf, randomEdit } from '../integration/sync/relay-client';
import { removeTempDirs } from '../integration/helpers';
import { applyAll } from '../../server/docs/update-log';
import { benchNewsroom, seedFiledStories } from './sync-fixtures';
import { fmt, report, stats } from './harness';

const PARTITION_S = Number(process.env.BENCH_PARTITION_S ?? 60);
const LINK: LinkShape = { delayMs: 25, bytesPerSecond: 10_000_000 / 8 };
const TARGET_MS = 2000;

export async function run(): Promise<void> {
  const nr = await benchNewsroom();
  const port = Number(new URL(nr.server.url).port);
  const proxies = await Promise.all(
    [1, 2].map((seed) => FaultProxy.start({ target: { port }, seed, shape: LINK })),
  );
  const hosts: Desktop[] = [];
  try {
    const { ids } = await seedFiledStories(nr, 1, 9);
    const id = ids[0]!;
    const docId = storyDocId(id);
    const reporter = desktop('bench-partition-reporter', { sync: { feedWaitSeconds: 25 } });
    const desk = desktop('bench-partition-desk', { sync: { feedWaitSeconds: 25 } });
    hosts.push(reporter, desk);
    await signIn(reporter, proxies[0]!.url, nr.reporter.login);
    await signIn(desk, proxies[1]!.url, nr.deskHead.login);
    for (const h of hosts) await until(() => h.host.stories.get(id) !== null, 30_000, 'story');
    const [ra, da] = [await Editor.open(reporter, id), await Editor.open(desk, id)];
    await until(
      () => contentOf(reporter.host.docs.get(docId)) === contentOf(desk.host.docs.get(docId)),
      30_000,
      'first sync',
    );

    // Baseline: one edit, reporter → desk, with the links up.
    const random = rng(77);
    const online: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const marker = `〔在线${i}〕`;
      await ra.mutate((doc) => {
        const root = doc.getText('field.notes');
        root.insert(Math.floor(random() * (root.length + 1)), marker);
      });
      await until(
        () => desk.host.docs.get(docId).getText('field.notes').toString().includes(marker),
        10_000,
        'online edit',
      );
      online.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    const base = stats(online);

    // The partition.
    for (const p of proxies) p.partition('refuse');
    const made: Uint8Array[] = [Y.encodeStateAsUpdate(reporter.host.docs.get(docId))];
    const end = performance.now() + PARTITION_S * 1000;
    const newStory = newId();
    let edits = 0;
    let filed = false;
    while (performance.now() < end) {
      for (const [i, ed] of [ra, da].entries()) {
        const u = await ed.mutate((doc) => randomEdit(doc, random, `${'RD'[i]}${edits}`));
        if (u) made.push(u);
        edits++;
      }
      if (!filed && performance.now() > end - (PARTITION_S * 1000) / 2) {
        await reporter.call('stories.create', { id: newStory });
        await reporter.call('stories.file', { id: newStory, deskId: nr.deskId });
        filed = true;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const reference = new Y.Doc();
    for (const u of made) Y.applyUpdate(reference, u);
    const want = contentOf(reference);

    // Heal, and time it.
    const t0 = performance.now();
    for (const p of proxies) p.heal();
    let docsAt = 0;
    let storyAt = 0;
    await until(
      async () => {
        if (!storyAt && desk.host.stories.get(newStory)?.status === 'filed')
          storyAt = performance.now() - t0;
        if (!docsAt) {
          const same = hosts.every((h) => contentOf(h.host.docs.get(docId)) === want);
          if (same) {
            const pending = await Promise.all(hosts.map((h) => h.call('sync.status', {})));
            if (pending.every((s) => s.pendingChanges === 0)) docsAt = performance.now() - t0;
          }
        }
        return docsAt > 0 && storyAt > 0;
      },
      120_000,
      'convergence after the partition',
    );
    const onServer = new Y.Doc();
    applyAll(onServer, (await nr.server.log.load(docId)).updates, (err) => {
      throw err;
    });
    if (contentOf(onServer) !== want) throw new Error('the server does not hold the merged text');
    await ra.close();
    await da.close();
    const worst = Math.max(docsAt, storyAt);
    report({
      name: `convergence after a ${PARTITION_S} s partition heals (two desktop hosts, 50 ms RTT)`,
      figure:
        `text identical on both hosts and the server ${fmt(docsAt)} after the heal ` +
        `(${edits} edits made during the partition); story filed during it at the desk after ${fmt(storyAt)}`,
      baseline: `one edit reaching the other host with the links up: p50 ${fmt(base.p50)}, max ${fmt(base.max)}`,
      ratio: `${(worst / base.p50).toFixed(1)}× one online edit`,
      target: `< ${TARGET_MS} ms`,
      pass: worst < TARGET_MS,
    });
  } finally {
    for (const h of hosts) h.close();
    await Promise.all(proxies.map((p) => p.close()));
    await nr.close();
    removeTempDirs();
  }
}
