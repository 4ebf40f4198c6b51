// A new desk PC signs in over a 3G link (750 kbit/s each way, 300 ms round
// trip, through the fault proxy) to a newsroom holding 1,000 filed stories:
// how long until every story is in its library with its full text, by the
// app's real sync path (a whole desktop host: change feed, then the
// documents over one WebSocket). Baseline, over the same link: fetching each
// story by a separate request (GET /v1/stories/:id, metadata only — less
// than the sync path carries), timed on a sample and scaled to 1,000.
import { FaultProxy } from '../support/fault-proxy';
import { storyDocId } from '@shared/body/story-doc';
import { readBodyBlocks } from '@shared/body/lexical-yjs-read';
import { NewsroomClient } from '@shared/sync/client';
import { desktop, signIn } from '../integration/sync/sync-harness';
import { removeTempDirs } from '../integration/helpers';
import { BENCH_PASSWORD, benchNewsroom, seedFiledStories } from './sync-fixtures';
import { report } from './harness';

const STORIES = Number(process.env.BENCH_INITIAL_STORIES ?? 1000);
const THREE_G = { delayMs: 150, bytesPerSecond: 750_000 / 8 };
const BASELINE_SAMPLE = 40;
const TARGET_S = 60;

export async function run(): Promise<void> {
  const nr = await benchNewsroom();
  const port = Number(new URL(nr.server.url).port);
  const proxy = await FaultProxy.start({ target: { port }, seed: 3, shape: THREE_G });
  try {
    const seedT0 = performance.now();
    const { ids, docBytes } = await seedFiledStories(nr, STORIES, 42);
    console.log(
      `      seeded ${STORIES} filed stories (${(docBytes / STORIES / 1024).toFixed(1)} KiB of Yjs each, ` +
        `${(docBytes / 1024 / 1024).toFixed(1)} MiB in all) in ${((performance.now() - seedT0) / 1000).toFixed(1)} s`,
    );

    // The real path: a fresh desktop host signs in through the 3G link and pulls everything.
    const d = desktop('bench-initial-sync');
    const t0 = performance.now();
    await signIn(d, proxy.url, nr.deskHead.login);
    const bytes0 = { up: proxy.stats.bytesUp, down: proxy.stats.bytesDown };
    let feedAt = 0;
    for (;;) {
      const listed = ids.every((id) => d.host.stories.get(id) !== null);
      if (listed && !feedAt) feedAt = performance.now() - t0;
      const st = await d.call('sync.status', {});
      if (listed && st.state === 'online') {
        // Every document has arrived: the library shows the real headline and 字数.
        const complete = ids.every((id) => {
          const s = d.host.stories.get(id);
          return !!s && s.headline.length > 0 && s.wordCount > 0;
        });
        if (complete) break;
      }
      if (performance.now() - t0 > 300_000) throw new Error('initial sync did not finish in 300 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const syncMs = performance.now() - t0;
    const down = proxy.stats.bytesDown - bytes0.down;
    const up = proxy.stats.bytesUp - bytes0.up;
    // Spot-check the text itself.
    const sample = ids[Math.floor(ids.length / 2)]!;
    if (readBodyBlocks(d.host.docs.get(storyDocId(sample))).length === 0)
      throw new Error('a pulled story has no body');
    d.close();

    // Baseline: one request per story, over the same link.
    const client = new NewsroomClient({ baseUrl: proxy.url });
    await client.login({ login: nr.deskHead.login, password: BENCH_PASSWORD });
    const b0 = performance.now();
    for (const id of ids.slice(0, BASELINE_SAMPLE)) await client.story(id);
    const perStory = (performance.now() - b0) / BASELINE_SAMPLE;
    const baselineMs = perStory * STORIES;

    report({
      name: `initial sync of ${STORIES} stories over 3G (750 kbit/s, 300 ms RTT)`,
      figure:
        `${(syncMs / 1000).toFixed(1)} s to every story with its text (library listed at ` +
        `${(feedAt / 1000).toFixed(1)} s); ${(down / 1024 / 1024).toFixed(2)} MiB down, ` +
        `${(up / 1024).toFixed(0)} KiB up`,
      baseline: `one request per story: ${perStory.toFixed(0)} ms each → ${(baselineMs / 1000).toFixed(0)} s for ${STORIES} (metadata only; measured on ${BASELINE_SAMPLE})`,
      ratio: `${(baselineMs / syncMs).toFixed(1)}× faster`,
      target: `< ${TARGET_S} s`,
      pass: syncMs < TARGET_S * 1000,
    });
  } finally {
    await proxy.close();
    await nr.close();
    removeTempDirs();
  }
}
