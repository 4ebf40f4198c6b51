// The workflow rules every process shares: who sees a story, who may command
// it in which state, and what each command does. Every role × state × command
// is checked against the table below.
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@shared/domain/newsroom';
import { STORY_STATUSES, type StoryStatus } from '@shared/domain/story';
import type { Command } from '@shared/sync/commands';
import {
  applyCommand,
  canEditText,
  canSee,
  decide,
  newStory,
  type Actor,
} from '@shared/workflow/story-rules';

const DESK = '019a4a7e-0000-7000-8000-0000000000d1';
const OTHER_DESK = '019a4a7e-0000-7000-8000-0000000000d2';
const AUTHOR = '019a4a7e-0000-7000-8000-000000000001';
const ME = '019a4a7e-0000-7000-8000-000000000002';
const STORY = '019a4a7e-0000-7000-8000-0000000000a1';
const NOW = '2026-11-03T08:30:00.000Z';

function story(status: StoryStatus, over: Partial<ReturnType<typeof newStory>> = {}) {
  return {
    ...newStory(STORY, AUTHOR, NOW),
    status,
    deskId: status === 'draft' ? null : DESK,
    revision: 3,
    ...over,
  };
}
const actor = (role: Role, deskIds: string[] = [DESK], id = ME): Actor => ({ id, role, deskIds });

const commands = (expectedRevision: number): Command[] => [
  {
    id: 'cmd-0000000000000001',
    type: 'story.file',
    storyId: STORY,
    expectedRevision,
    deskId: DESK,
  },
  {
    id: 'cmd-0000000000000002',
    type: 'story.assign',
    storyId: STORY,
    expectedRevision,
    assigneeId: ME,
  },
  {
    id: 'cmd-0000000000000003',
    type: 'story.update-meta',
    storyId: STORY,
    expectedRevision,
    patch: { priority: 'urgent' },
  },
  {
    id: 'cmd-0000000000000004',
    type: 'story.share',
    storyId: STORY,
    expectedRevision,
    userId: ME,
    grant: true,
  },
];

/** Expected outcome for a desk member of the story's desk who is not its author. */
function expectedForDeskMember(role: Role, status: StoryStatus, type: Command['type']): string {
  if (status === 'draft') return 'forbidden'; // private to its author
  const closed = status === 'published' || status === 'spiked';
  const editor = role === 'desk_head' || role === 'editor_in_chief' || role === 'admin';
  switch (type) {
    case 'story.file':
      return 'forbidden';
    case 'story.assign':
      if (closed) return 'invalid_state';
      return editor || role === 'channel_editor' ? 'ok' : 'forbidden';
    case 'story.update-meta':
      if (closed) return 'invalid_state';
      return editor ? 'ok' : 'forbidden';
    case 'story.share':
      if (status === 'spiked') return 'invalid_state';
      return editor ? 'ok' : 'forbidden';
    case 'story.workflow':
      return 'invalid_input'; // decided by shared/workflow on the server
  }
}

describe('story rules', () => {
  for (const role of ROLES)
    for (const status of STORY_STATUSES)
      for (const cmd of commands(3))
        it(`${role} on the desk, ${status}, ${cmd.type}`, () => {
          const s = story(status);
          const d = decide(cmd, { story: s, sharedWithActor: false }, actor(role), 3, {
            assigneeInDesk: true,
            shareeExists: true,
          });
          const want = expectedForDeskMember(role, status, cmd.type);
          expect(d.ok ? 'ok' : d.code).toBe(want);
        });

  it('a draft is seen and edited only by its author, or whom the author shared it with', () => {
    const s = story('draft');
    for (const role of ROLES)
      expect(canSee(actor(role), { story: s, sharedWithActor: false })).toBe(false);
    expect(canSee(actor('reporter', [], AUTHOR), { story: s, sharedWithActor: false })).toBe(true);
    expect(canSee(actor('reporter', []), { story: s, sharedWithActor: true })).toBe(true);
  });

  it('a filed story is seen by its desk, its assignee and admins; closed stories are read-only', () => {
    const filed = story('filed');
    expect(canSee(actor('reporter', [OTHER_DESK]), { story: filed, sharedWithActor: false })).toBe(
      false,
    );
    expect(canSee(actor('admin', []), { story: filed, sharedWithActor: false })).toBe(true);
    expect(
      canSee(actor('reporter', []), {
        story: story('filed', { assigneeId: ME }),
        sharedWithActor: false,
      }),
    ).toBe(true);
    expect(canEditText(actor('desk_head'), { story: filed, sharedWithActor: false })).toBe(true);
    expect(
      canEditText(actor('desk_head'), { story: story('published'), sharedWithActor: false }),
    ).toBe(false);
  });

  it('rejects a stale revision before anything else, with the current revision', () => {
    const d = decide(
      commands(2)[2]!,
      { story: story('filed'), sharedWithActor: false },
      actor('desk_head'),
      3,
    );
    expect(d).toEqual({
      ok: false,
      code: 'stale',
      message: expect.any(String),
      details: { currentRevision: 3, expectedRevision: 2 },
    });
  });

  it('files a new story only to a desk of the author, and only from revision 0', () => {
    const [file] = commands(0);
    expect(decide(file!, null, actor('reporter'), 0).ok).toBe(true);
    expect(decide(file!, null, actor('reporter', [OTHER_DESK]), 0)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(decide(commands(1)[0]!, null, actor('reporter'), 0)).toMatchObject({
      ok: false,
      code: 'stale',
    });
    expect(decide(commands(0)[1]!, null, actor('desk_head'), 0)).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const authorFiles = decide(
      file!,
      { story: story('draft', { revision: 0 }), sharedWithActor: false },
      actor('reporter', [DESK], AUTHOR),
      0,
    );
    expect(authorFiles.ok).toBe(true);
  });

  it('a channel editor only takes an unassigned story or gives back their own; assignees must be on the desk', () => {
    const take = commands(3)[1]!;
    const access = (assigneeId: string | null) => ({
      story: story('filed', { assigneeId }),
      sharedWithActor: false,
    });
    expect(
      decide(take, access(null), actor('channel_editor'), 3, { assigneeInDesk: true }).ok,
    ).toBe(true);
    expect(
      decide(take, access(AUTHOR), actor('channel_editor'), 3, { assigneeInDesk: true }),
    ).toMatchObject({ code: 'forbidden' });
    const giveBack = { ...take, assigneeId: null } as Command;
    expect(decide(giveBack, access(ME), actor('channel_editor'), 3).ok).toBe(true);
    expect(
      decide(take, access(null), actor('desk_head'), 3, { assigneeInDesk: false }),
    ).toMatchObject({ code: 'invalid_input' });
  });

  it('applying a command bumps the revision and stamps the server time', () => {
    const s = story('draft', { revision: 0 });
    const filed = applyCommand(s, commands(0)[0]!, '2026-11-03T09:00:00.000Z');
    expect(filed).toMatchObject({
      status: 'filed',
      deskId: DESK,
      revision: 1,
      filedAt: '2026-11-03T09:00:00.000Z',
    });
    const meta = applyCommand(filed, commands(1)[2]!, '2026-11-03T09:01:00.000Z');
    expect(meta).toMatchObject({ priority: 'urgent', revision: 2, status: 'filed' });
  });
});
