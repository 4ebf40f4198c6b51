// The editorial workflow on the desktop: the contract's workflow.* calls.
// The server is the authority; the host keeps the last view the server gave
// of each story, runs the same shared rules (decide/apply) to refuse a
// command at once with the translated reason or apply it optimistically, and
// queues it in the sync outbox (idempotent, retried, rolled back on refusal).
import { HostError } from '@shared/api/errors';
import type { CallOutput } from '@shared/api/contract';
import { NewsroomError, type NewsroomClient } from '@shared/sync/client';
import { apply, decide, type DecideContext } from '@shared/workflow';
import type { WorkflowCommand } from '@shared/workflow/commands';
import type { WorkflowNotification, WorkflowView } from '@shared/workflow/api';
import type { PersonActor } from '@shared/workflow/roles';
import type { StoryWorkflow } from '@shared/workflow/state';
import { CHANNEL_IDS, type ChannelId } from '@shared/workflow/desks';
import type { AuthenticityOp } from '@shared/authenticity/ops';
import type { ReviewPlan } from '@shared/workflow/review-plan';
import type { SyncService } from '../sync/sync-service';

export interface WorkflowServiceOptions {
  sync: SyncService;
  /** Tells every window that these stories' workflow changed. */
  changed(storyIds: string[]): void;
  /** The content hash of a channel version as this computer holds it; null when it has none. */
  localContentHash?(storyId: string, channel: ChannelId): string | null;
  /** Something landed in one of my queues (the windows show it; Electron also raises a desktop notification). */
  notify?(n: WorkflowNotification): void;
  log(msg: string, err?: unknown): void;
}

/** Translates a server or network failure into the contract's errors. */
function hostError(err: unknown): never {
  if (err instanceof HostError) throw err;
  if (err instanceof NewsroomError) {
    switch (err.code) {
      case 'network':
      case 'unavailable':
      case 'timeout':
        throw new HostError('server_unreachable', err.message);
      case 'unauthorized':
        throw new HostError('unauthorized', err.message);
      case 'forbidden':
        throw new HostError('forbidden', err.message, err.details);
      case 'not_found':
        throw new HostError('not_found', err.message);
      case 'invalid_input':
        throw new HostError('invalid_input', err.message, err.details);
      case 'conflict':
      case 'stale':
      case 'invalid_state':
        throw new HostError('conflict', err.message, err.details);
      default:
        throw new HostError('internal', err.message);
    }
  }
  throw err;
}

export class WorkflowService {
  /** Last view the server gave, per story. */
  private readonly views = new Map<string, WorkflowView>();

  constructor(private readonly opts: WorkflowServiceOptions) {}

  private client(): NewsroomClient {
    const c = this.opts.sync.newsroom;
    if (!c) throw new HostError('signed_out', 'sign in to the newsroom server to use the workflow');
    return c;
  }

  private actor(view: WorkflowView): PersonActor {
    const me = this.opts.sync.person;
    if (!me) throw new HostError('signed_out', 'sign in to the newsroom server first');
    const p = view.directory.people.find((x) => x.userId === me.id);
    return { kind: 'person', userId: me.id, roles: p?.roles ?? [me.role], desks: p?.desks ?? [] };
  }

  private context(view: WorkflowView, now: string): DecideContext {
    const content: DecideContext['content'] = {};
    for (const c of view.content) content[c.channel] = { hash: c.hash };
    return {
      now,
      directory: view.directory,
      content,
      scans: view.scans,
      authenticity: view.authenticity,
      embargo: view.embargo,
    };
  }

  /** The server's view with the commands still in the outbox applied on top. */
  private optimistic(view: WorkflowView): { state: StoryWorkflow; pending: WorkflowCommand[] } {
    const pending = this.opts.sync.pendingWorkflow(view.storyId);
    let state = view.state;
    const actor = this.actor(view);
    for (const cmd of pending) {
      if (state.commandIds.includes(cmd.commandId)) continue; // the server has it already
      const d = decide(state, cmd, actor, this.context(view, new Date().toISOString()));
      if (d.ok) for (const e of d.events) state = apply(state, e);
    }
    return { state, pending };
  }

  private async fetchView(storyId: string): Promise<{ view: WorkflowView; fresh: boolean }> {
    const client = this.client();
    if (this.seenNotification === null) void this.pollNotifications();
    try {
      const view = await client.workflow(storyId);
      this.views.set(storyId, view);
      return { view, fresh: true };
    } catch (err) {
      const cached = this.views.get(storyId);
      if (cached && err instanceof NewsroomError && err.retryable)
        return { view: cached, fresh: false };
      return hostError(err);
    }
  }

  async state(storyId: string): Promise<CallOutput<'workflow.state'>> {
    const { view, fresh } = await this.fetchView(storyId);
    const { state, pending } = this.optimistic(view);
    const local: CallOutput<'workflow.state'>['local'] = [];
    for (const ch of CHANNEL_IDS) {
      if (!state.variants[ch]) continue;
      const hash = this.opts.localContentHash?.(storyId, ch) ?? null;
      if (hash === null) continue;
      const server = view.content.find((c) => c.channel === ch)?.hash ?? null;
      local.push({ channel: ch, hash, synced: hash === server });
    }
    return { ...view, state, pending, fresh, local };
  }

  async command(command: WorkflowCommand): Promise<CallOutput<'workflow.command'>> {
    this.client();
    const view = this.views.get(command.storyId) ?? (await this.fetchView(command.storyId)).view;
    const { state } = this.optimistic(view);
    const decision = decide(
      state,
      command,
      this.actor(view),
      this.context(view, new Date().toISOString()),
    );
    if (!decision.ok) return { status: 'refused', reason: decision.reason };
    let next = state;
    for (const e of decision.events) next = apply(next, e);
    this.opts.sync.queueWorkflow(command);
    this.opts.changed([command.storyId]);
    return { status: 'queued', commandId: command.commandId, state: next };
  }

  /** The server confirmed or refused something: forget the cached view so the next read asks again. */
  invalidate(storyIds: string[]): void {
    for (const id of storyIds) this.views.delete(id);
    this.opts.changed(storyIds);
    void this.pollNotifications();
  }

  /** Highest notification id already announced; the first poll only sets it (old news is not news). */
  private seenNotification: number | null = null;
  private polling: Promise<void> | null = null;

  /** Announces notifications that arrived since the last look (after feed news or a confirmed command). */
  pollNotifications(): Promise<void> {
    const client = this.opts.sync.newsroom;
    if (!client || !this.opts.notify) return Promise.resolve();
    this.polling ??= (async () => {
      try {
        const { items } = await client.notifications(true);
        const fresh = items
          .filter((n) => this.seenNotification !== null && n.id > this.seenNotification)
          .sort((a, b) => a.id - b.id);
        const top = Math.max(this.seenNotification ?? 0, ...items.map((n) => n.id));
        const first = this.seenNotification === null;
        this.seenNotification = top;
        if (!first) for (const n of fresh) this.opts.notify?.(n);
      } catch (err) {
        if (!(err instanceof NewsroomError)) this.opts.log('notifications poll failed', err);
      } finally {
        this.polling = null;
      }
    })();
    return this.polling;
  }

  async queues(deskId?: string): Promise<CallOutput<'workflow.queues'>> {
    return this.client()
      .queues(deskId)
      .catch((e: unknown) => hostError(e));
  }

  async notifications(unreadOnly: boolean): Promise<CallOutput<'workflow.notifications'>> {
    return this.client()
      .notifications(unreadOnly)
      .catch((e: unknown) => hostError(e));
  }

  async markRead(ids: number[]): Promise<CallOutput<'workflow.markNotificationsRead'>> {
    const unread = await this.client()
      .markNotificationsRead(ids)
      .catch((e: unknown) => hostError(e));
    return { unread };
  }

  async deliveries(storyId: string): Promise<CallOutput<'workflow.deliveries'>> {
    const deliveries = await this.client()
      .deliveries(storyId)
      .catch((e: unknown) => hostError(e));
    return { deliveries };
  }

  async scanLists(): Promise<CallOutput<'scan.lists.get'>> {
    return this.client()
      .scanLists()
      .catch((e: unknown) => hostError(e));
  }

  async putScanLists(lists: {
    sensitive?: string;
    typos?: string;
  }): Promise<CallOutput<'scan.lists.put'>> {
    return this.client()
      .putScanLists(lists)
      .catch((e: unknown) => hostError(e));
  }

  async authenticity(storyId: string): Promise<CallOutput<'authenticity.get'>> {
    return this.client()
      .authenticity(storyId)
      .catch((e: unknown) => hostError(e));
  }

  async applyAuthenticity(
    storyId: string,
    op: AuthenticityOp,
  ): Promise<CallOutput<'authenticity.apply'>> {
    const r = await this.client()
      .applyAuthenticity(storyId, op)
      .catch((e: unknown) => hostError(e));
    this.invalidate([storyId]);
    return r;
  }

  async auditReport(storyId: string, locale: 'zh-CN' | 'en'): Promise<CallOutput<'audit.report'>> {
    return this.client()
      .auditReport(storyId, locale)
      .catch((e: unknown) => hostError(e));
  }

  async setReviewPlan(
    deskId: string,
    plan: ReviewPlan | null,
  ): Promise<CallOutput<'workflow.setReviewPlan'>> {
    return this.client()
      .setReviewPlan(deskId, plan)
      .catch((e: unknown) => hostError(e));
  }

  async auditVerify(): Promise<CallOutput<'audit.verify'>> {
    return this.client()
      .auditVerify()
      .catch((e: unknown) => hostError(e));
  }
}
