import { describe, expect, it } from 'vitest';
import { deskQueues, myQueues, storyStatus, type QueueStory } from '@shared/workflow';
import { Harness, directory, minutes, person } from './fixtures';

/** Five stories at different points, as a newsroom's morning looks. */
function newsroom() {
  const filed = new Harness();
  filed.file();
  const returned = new Harness();
  returned.file();
  returned.run(
    'qian.head',
    returned.command('send_back', { channel: null, reason: '请补充村民采访', anchors: [] }),
  );
  const inReview = new Harness();
  inReview.file();
  inReview.claim();
  inReview.override();
  inReview.proofread();
  inReview.submit();
  inReview.signOff('sun.editor', 'first');
  const sentBack = new Harness();
  sentBack.file();
  sentBack.claim();
  sentBack.submit();
  sentBack.run(
    'qian.head',
    sentBack.command('send_back', { channel: 'wechat', reason: '导语过长', anchors: [] }),
  );
  const published = new Harness().approved();
  published.publish();
  // Each harness story has the same id; queues key by position here, so give each its own.
  const stories: QueueStory[] = [filed, returned, inReview, sentBack, published].map((h, i) => ({
    state: { ...h.state, storyId: `story-${i}` },
    hashes: { wechat: h.hash() },
  }));
  return stories;
}

const opts = { now: minutes(30), directory };

describe('queues', () => {
  const stories = newsroom();
  const names = (items: { storyId: string; channel: string | null }[]) =>
    items.map((i) => `${i.storyId}/${i.channel ?? '-'}`);

  it('a WeChat desk editor sees what to claim, what is theirs and what was sent back', () => {
    const q = myQueues(stories, person('wang.editor'), opts);
    expect(names(q.incoming)).toEqual(['story-0/wechat']);
    // Oldest first: story 3 entered its stage before story 2 did.
    expect(names(q.assignedToMe)).toEqual(['story-3/wechat', 'story-2/wechat']);
    expect(names(q.sentBack)).toEqual(['story-3/wechat']);
    // 初审 is already signed on story 2; the next step is the desk head's.
    expect(names(q.waitingForMyReview)).toEqual([]);
    expect(q.counts).toEqual({
      incoming: 1,
      assignedToMe: 2,
      waitingForMyReview: 0,
      sentBack: 1,
      scheduled: 0,
      publishedToday: 1,
    });
  });

  it('the desk head has 复审 waiting; the chief nothing until 复审 is signed; the reporter sees their returned story', () => {
    expect(names(myQueues(stories, person('zhao.head'), opts).waitingForMyReview)).toEqual([
      'story-2/wechat',
    ]);
    expect(
      myQueues(stories, person('zhao.head'), opts).waitingForMyReview[0]!.step?.name['zh-CN'],
    ).toBe('复审');
    expect(myQueues(stories, person('chen.chief'), opts).counts.waitingForMyReview).toBe(0);
    const reporter = myQueues(stories, person('li.reporter'), opts);
    expect(names(reporter.sentBack)).toEqual(['story-1/-']);
    expect(names(reporter.publishedToday)).toEqual(['story-4/wechat']);
    // A head of the rural, WeChat and print desks: unclaimed versions for the two channel
    // desks, and every filed story with no responsible editor on the rural desk yet.
    const incoming = names(myQueues(stories, person('qian.head'), opts).incoming).sort();
    expect(incoming).toEqual([
      'story-0/-',
      'story-0/print',
      'story-0/wechat',
      'story-2/-',
      'story-2/print',
      'story-3/-',
      'story-3/print',
      'story-4/-',
      'story-4/print',
    ]);
  });

  it('a desk head who signed 初审 is not offered 复审 of the same content', () => {
    const q = myQueues(stories, person('qian.head'), opts);
    expect(names(q.waitingForMyReview)).toEqual(['story-2/wechat']);
    const h = new Harness();
    h.file();
    h.claim();
    h.submit();
    h.signOff('qian.head', 'first');
    expect(
      myQueues([{ state: h.state, hashes: { wechat: h.hash() } }], person('qian.head'), opts).counts
        .waitingForMyReview,
    ).toBe(0);
  });

  it('"published today" follows the newsroom’s day, not UTC', () => {
    const late = minutes(23 * 60 - 60); // 2026-11-18 23:00 UTC = 11-19 07:00 in Beijing
    expect(
      myQueues(stories, person('wang.editor'), { ...opts, now: late }).counts.publishedToday,
    ).toBe(0);
    expect(
      myQueues(stories, person('wang.editor'), { ...opts, now: late, utcOffsetMinutes: 0 }).counts
        .publishedToday,
    ).toBe(1);
  });

  it('desk queues list the desk’s versions by stage', () => {
    const q = deskQueues(stories, 'wechat-desk', opts);
    expect(q.counts).toEqual({
      incoming: 1,
      inProgress: 0,
      inReview: 1,
      sentBack: 1,
      scheduled: 0,
      publishedToday: 1,
    });
    expect(q.inReview[0]!.step?.id).toBe('second');
    expect(names(deskQueues(stories, 'rural', opts).incoming).sort()).toEqual([
      'story-0/-',
      'story-2/-',
      'story-3/-',
      'story-4/-',
    ]);
  });

  it('a schedule whose content changed shows as stale', () => {
    const h = new Harness().approved();
    h.run(
      'sun.editor',
      h.command('schedule', { channel: 'wechat', publishAt: minutes(300), contentHash: h.hash() }),
    );
    const fresh = myQueues(
      [{ state: h.state, hashes: { wechat: h.hash() } }],
      person('sun.editor'),
      opts,
    );
    expect(fresh.scheduled[0]!.stale).toBe(false);
    h.edit();
    const stale = myQueues(
      [{ state: h.state, hashes: { wechat: h.hash() } }],
      person('sun.editor'),
      opts,
    );
    expect(stale.scheduled[0]!.stale).toBe(true);
  });
});

describe('the status the library shows', () => {
  it('follows the furthest version, and "approved" only while the sign-offs match the content', () => {
    const h = new Harness();
    expect(storyStatus(h.state)).toBe('draft');
    h.file();
    expect(storyStatus(h.state)).toBe('filed');
    h.claim();
    expect(storyStatus(h.state)).toBe('editing');
    h.override();
    h.proofread();
    h.submit();
    expect(storyStatus(h.state, { wechat: h.hash() })).toBe('in_review');
    h.signOff('sun.editor', 'first');
    h.signOff('qian.head', 'second');
    h.signOff('zhou.chief', 'final');
    expect(storyStatus(h.state, { wechat: h.hash() })).toBe('approved');
    h.edit();
    expect(storyStatus(h.state, { wechat: h.hash() })).toBe('in_review');
    h.content.wechat = 0;
    h.publish();
    expect(storyStatus(h.state)).toBe('published');
    h.run('qian.head', h.command('spike', { channel: 'wechat', reason: '撤下' }));
    expect(storyStatus(h.state)).toBe('spiked');
  });
});
