// Who may see, edit and command a story, and what each command does to it.
// Pure functions: the server enforces them, the client's outbox uses the same
// ones to apply a command optimistically and to grey out what would fail.
import type { Role } from '../domain/newsroom';
import type { StoryStatus } from '../domain/story';
import type { Command, CommandOf } from '../sync/commands';
import type { ErrorDetails, ServerErrorCode } from '../sync/errors';
import type { ServerStory } from '../sync/stories';

export interface Actor {
  id: string;
  role: Role;
  deskIds: readonly string[];
  /** Belongs to a channel desk: sees every filed story, to claim its channel's version (一稿多签). */
  channelDesk?: boolean;
}

/** Facts about a story that decide access: its row plus whether it was shared with the actor. */
export interface StoryAccess {
  story: Pick<ServerStory, 'status' | 'deskId' | 'authorId' | 'assigneeId'>;
  sharedWithActor: boolean;
}

const CLOSED: readonly StoryStatus[] = ['published', 'spiked'];
const EDITORS: readonly Role[] = ['desk_head', 'editor_in_chief', 'admin'];

function inDesk(actor: Actor, deskId: string | null): boolean {
  return deskId !== null && actor.deskIds.includes(deskId);
}

/**
 * A draft is private to its author (and whoever the author shared it with)
 * until it is filed; then its desk, its assignee, the channel desks (which
 * claim their versions of it), the editor-in-chief and admins see it.
 */
export function canSee(actor: Actor, { story, sharedWithActor }: StoryAccess): boolean {
  if (story.authorId === actor.id || sharedWithActor) return true;
  if (story.status === 'draft') return false;
  return (
    actor.role === 'admin' ||
    actor.role === 'editor_in_chief' ||
    actor.channelDesk === true ||
    inDesk(actor, story.deskId) ||
    story.assigneeId === actor.id
  );
}

/** Editing the text: anyone who may see it, until it is published or spiked. */
export function canEditText(actor: Actor, access: StoryAccess): boolean {
  return canSee(actor, access) && !CLOSED.includes(access.story.status);
}

/**
 * A published story stays closed for its master text, but its channel
 * versions remain editable by channel desks and senior editors: that is how a
 * correction (更正) is prepared before the `correct` command publishes it.
 */
export function canEditPublishedVariant(actor: Actor, access: StoryAccess): boolean {
  return (
    access.story.status === 'published' &&
    canSee(actor, access) &&
    (actor.channelDesk === true || actor.role === 'desk_head' || actor.role === 'editor_in_chief')
  );
}

export type Decision =
  { ok: true } | { ok: false; code: ServerErrorCode; message: string; details?: ErrorDetails };

/** What the server looked up for the rule, beyond the story and the actor. */
export interface CommandFacts {
  /** story.assign: the assignee belongs to the story's desk. */
  assigneeInDesk?: boolean;
  /** story.share: the person exists and is not disabled. */
  shareeExists?: boolean;
}

const ok: Decision = { ok: true };
const no = (code: ServerErrorCode, message: string, details?: ErrorDetails): Decision =>
  details ? { ok: false, code, message, details } : { ok: false, code, message };

export function decide(
  cmd: Command,
  access: StoryAccess | null,
  actor: Actor,
  revision: number,
  facts: CommandFacts = {},
): Decision {
  if (!access) {
    if (cmd.type !== 'story.file') return no('not_found', 'no such story');
    if (cmd.expectedRevision !== 0)
      return no('stale', 'the server has no revision of this story', { currentRevision: 0 });
    return fileRule(cmd, actor);
  }
  if (!canSee(actor, access)) return no('forbidden', 'this story is not yours to see');
  if (cmd.expectedRevision !== revision)
    return no('stale', 'the story changed since this command was made', {
      currentRevision: revision,
      expectedRevision: cmd.expectedRevision,
    });
  const { story } = access;
  switch (cmd.type) {
    case 'story.file':
      if (story.authorId !== actor.id) return no('forbidden', 'only the author files a story');
      if (story.status !== 'draft')
        return no('invalid_state', 'the story was already filed', { status: story.status });
      return fileRule(cmd, actor);
    case 'story.assign':
      return assignRule(cmd, access, actor, facts);
    case 'story.update-meta':
      if (CLOSED.includes(story.status))
        return no('invalid_state', 'a published or spiked story is closed', {
          status: story.status,
        });
      if (story.status === 'draft')
        return story.authorId === actor.id
          ? ok
          : no('forbidden', 'a draft is changed by its author');
      if (
        story.authorId === actor.id ||
        story.assigneeId === actor.id ||
        (EDITORS.includes(actor.role) && (inDesk(actor, story.deskId) || actor.role === 'admin'))
      )
        return ok;
      return no('forbidden', 'only the author, the assignee or a desk head changes this story');
    case 'story.share':
      if (story.status === 'spiked')
        return no('invalid_state', 'a spiked story is closed', { status: story.status });
      if (story.authorId !== actor.id && !EDITORS.includes(actor.role))
        return no('forbidden', 'only the author or a desk head shares a story');
      if (cmd.userId === story.authorId) return no('invalid_input', 'the author already sees it');
      if (!facts.shareeExists) return no('not_found', 'no such person');
      return ok;
    case 'story.workflow':
      // Decided by shared/workflow/decide.ts on the server's workflow state.
      return no('invalid_input', 'workflow commands are decided by the workflow core');
  }
}

function fileRule(cmd: CommandOf<'story.file'>, actor: Actor): Decision {
  if (
    actor.deskIds.includes(cmd.deskId) ||
    actor.role === 'editor_in_chief' ||
    actor.role === 'admin'
  )
    return ok;
  return no('forbidden', 'you can only file to a desk you belong to', { deskId: cmd.deskId });
}

function assignRule(
  cmd: CommandOf<'story.assign'>,
  { story }: StoryAccess,
  actor: Actor,
  facts: CommandFacts,
): Decision {
  if (story.status === 'draft' || CLOSED.includes(story.status))
    return no('invalid_state', 'only a filed story is assigned', { status: story.status });
  const headOfDesk =
    (actor.role === 'desk_head' && inDesk(actor, story.deskId)) ||
    actor.role === 'editor_in_chief' ||
    actor.role === 'admin';
  // A channel editor may take an unassigned story, or give back their own.
  const selfService =
    actor.role === 'channel_editor' &&
    inDesk(actor, story.deskId) &&
    ((cmd.assigneeId === actor.id && story.assigneeId === null) ||
      (cmd.assigneeId === null && story.assigneeId === actor.id));
  if (!headOfDesk && !selfService)
    return no('forbidden', 'only a desk head assigns stories of the desk');
  if (cmd.assigneeId !== null && !facts.assigneeInDesk)
    return no('invalid_input', 'the assignee does not belong to the desk', {
      assigneeId: cmd.assigneeId,
    });
  return ok;
}

/** Defaults of a story the server first hears of through a command. */
export function newStory(id: string, authorId: string, now: string): Omit<ServerStory, 'seq'> {
  return {
    id,
    deskId: null,
    authorId,
    assigneeId: null,
    status: 'draft',
    revision: 0,
    priority: 'normal',
    section: null,
    keywords: [],
    embargo: null,
    headline: '',
    wordCount: 0,
    excerpt: '',
    filedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The story after an accepted command (`decide` said ok). `now` is the server's clock. */
export function applyCommand(
  story: Omit<ServerStory, 'seq'>,
  cmd: Command,
  now: string,
): Omit<ServerStory, 'seq'> {
  const next = { ...story, revision: story.revision + 1, updatedAt: now };
  switch (cmd.type) {
    case 'story.file':
      return { ...next, status: 'filed', deskId: cmd.deskId, filedAt: now };
    case 'story.assign':
      return { ...next, assigneeId: cmd.assigneeId };
    case 'story.update-meta':
      return { ...next, ...cmd.patch };
    case 'story.share':
    case 'story.workflow':
      return next;
  }
}
