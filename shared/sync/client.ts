// A typed client for the newsroom server's HTTP API, pure so that the host's
// sync service, the web host and the tests share it. It uses the platform's
// `fetch` (Node ≥ 18, browsers, Electron) unless one is passed in. Answers are
// validated with the wire schemas; a rejected command is an answer, not an
// exception — the outbox needs its reason to roll back.
import { z } from 'zod';
import { MeSchema, SessionSchema, type LoginRequest, type Me, type Session } from './auth';
import { CommandOutcomeSchema, type Command, type CommandOutcome } from './commands';
import { ErrorBodySchema, type ServerError, type ServerErrorCode } from './errors';
import { FeedPageSchema, type FeedPage } from './feed';
import { ServerStorySchema, type ServerStory } from './stories';
import { DeskSchema, PersonSchema, type Desk, type Person } from '../domain/newsroom';
import type { CreateDesk, CreateUser } from './admin';
import {
  AuditReportAnswerSchema,
  ChainVerificationSchema,
  DeliveryRecordSchema,
  NotificationsAnswerSchema,
  QueuesAnswerSchema,
  ReviewPlanAnswerSchema,
  ScanListsPutAnswerSchema,
  ScanListsSchema,
  WorkflowViewSchema,
  type ChainVerificationWire,
  type DeliveryRecord,
  type NotificationsAnswer,
  type QueuesAnswer,
  type ScanLists,
  type WorkflowView,
} from '../workflow/api';
import { AuthenticityRecordSchema, type AuthenticityRecord } from '../authenticity/model';
import type { AuthenticityOp } from '../authenticity/ops';
import type { ReviewPlan } from '../workflow/review-plan';

/** The part of `fetch` the client uses. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: unknown },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export class NewsroomError extends Error {
  constructor(
    readonly code: ServerErrorCode | 'network',
    message: string,
    /** HTTP status; 0 when the server was never reached. */
    readonly status: number,
    readonly details?: ServerError['details'],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'NewsroomError';
  }
  /** Worth trying again later (the outbox backs off): no answer, overload, or a server fault. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface CommandAnswer {
  outcome: CommandOutcome;
  httpStatus: number;
  /** The server had answered this command id before and returned the stored answer. */
  replay: boolean;
}

export interface ClientOptions {
  /** e.g. https://newsroom.example.cn — without a trailing /v1 */
  baseUrl: string;
  token?: string | null;
  fetch?: FetchLike;
}

const PeopleSchema = z.object({ people: z.array(PersonSchema) });
const DesksSchema = z.object({ desks: z.array(DeskSchema) });

export class NewsroomClient {
  private token: string | null;
  private readonly base: string;
  private readonly fetchImpl: FetchLike;

  constructor(opts: ClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.token = opts.token ?? null;
    const f = opts.fetch ?? (globalThis as unknown as { fetch?: FetchLike }).fetch;
    if (!f) throw new Error('no fetch in this runtime; pass one in');
    this.fetchImpl = f;
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    signal?: unknown,
  ): Promise<{ status: number; json: unknown; replay: boolean }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal !== undefined ? { signal } : {}),
      });
    } catch (err) {
      throw new NewsroomError('network', String((err as Error)?.message ?? err), 0);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null; // a proxy's HTML error page: the status says enough
    }
    return { status: res.status, json, replay: res.headers.get('idempotent-replay') === 'true' };
  }

  private fail(status: number, json: unknown): never {
    const e = ErrorBodySchema.safeParse(json);
    if (e.success)
      throw new NewsroomError(
        e.data.error.code,
        e.data.error.message,
        status,
        e.data.error.details,
        e.data.error.requestId,
      );
    throw new NewsroomError(status >= 500 ? 'internal' : 'invalid_input', `HTTP ${status}`, status);
  }

  private async request<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    body?: unknown,
    signal?: unknown,
  ): Promise<z.output<S>> {
    const r = await this.call(method, path, body, signal);
    if (r.status < 200 || r.status >= 300) this.fail(r.status, r.json);
    return schema.parse(r.json);
  }

  /** Signs in and keeps the token for the calls that follow. */
  async login(req: LoginRequest): Promise<Session> {
    const s = await this.request(SessionSchema, 'POST', '/v1/auth/login', req);
    this.token = s.token;
    return s;
  }

  async logout(): Promise<void> {
    await this.request(z.unknown(), 'POST', '/v1/auth/logout', {});
    this.token = null;
  }

  me(): Promise<Me> {
    return this.request(MeSchema, 'GET', '/v1/me');
  }

  async desks(): Promise<Desk[]> {
    return (await this.request(DesksSchema, 'GET', '/v1/desks')).desks;
  }

  async people(): Promise<Person[]> {
    return (await this.request(PeopleSchema, 'GET', '/v1/people')).people;
  }

  story(id: string): Promise<ServerStory> {
    return this.request(ServerStorySchema, 'GET', `/v1/stories/${encodeURIComponent(id)}`);
  }

  /** Sends one command. Applied or rejected, the answer comes back; only transport and auth problems throw. */
  async command(cmd: Command, signal?: unknown): Promise<CommandAnswer> {
    const r = await this.call('POST', '/v1/commands', cmd, signal);
    const outcome = CommandOutcomeSchema.safeParse(r.json);
    if (!outcome.success) this.fail(r.status, r.json);
    return { outcome: outcome.data, httpStatus: r.status, replay: r.replay };
  }

  /** Changes after `cursor`; with `wait` the server holds the request until something changes. */
  feed(q: { cursor: number; wait?: number; limit?: number }, signal?: unknown): Promise<FeedPage> {
    const params = [`cursor=${q.cursor}`];
    if (q.wait !== undefined) params.push(`wait=${q.wait}`);
    if (q.limit !== undefined) params.push(`limit=${q.limit}`);
    return this.request(FeedPageSchema, 'GET', `/v1/feed?${params.join('&')}`, undefined, signal);
  }

  createUser(u: CreateUser): Promise<Person> {
    return this.request(PersonSchema, 'POST', '/v1/admin/users', u);
  }

  createDesk(d: CreateDesk): Promise<Desk> {
    return this.request(DeskSchema, 'POST', '/v1/admin/desks', d);
  }

  async addDeskMembers(deskId: string, userIds: string[]): Promise<void> {
    await this.request(
      z.unknown(),
      'POST',
      `/v1/admin/desks/${encodeURIComponent(deskId)}/members`,
      {
        userIds,
      },
    );
  }

  // ---- editorial workflow (issue 6) ----

  workflow(storyId: string): Promise<WorkflowView> {
    return this.request(
      WorkflowViewSchema,
      'GET',
      `/v1/stories/${encodeURIComponent(storyId)}/workflow`,
    );
  }

  queues(deskId?: string): Promise<QueuesAnswer> {
    const q = deskId ? `?deskId=${encodeURIComponent(deskId)}` : '';
    return this.request(QueuesAnswerSchema, 'GET', `/v1/queues${q}`);
  }

  notifications(unreadOnly = false): Promise<NotificationsAnswer> {
    return this.request(
      NotificationsAnswerSchema,
      'GET',
      `/v1/notifications${unreadOnly ? '?unread=1' : ''}`,
    );
  }

  async markNotificationsRead(ids: number[]): Promise<number> {
    const r = await this.request(
      z.object({ unread: z.number() }),
      'POST',
      '/v1/notifications/read',
      {
        ids,
      },
    );
    return r.unread;
  }

  async deliveries(storyId: string): Promise<DeliveryRecord[]> {
    const r = await this.request(
      z.object({ deliveries: z.array(DeliveryRecordSchema) }),
      'GET',
      `/v1/stories/${encodeURIComponent(storyId)}/deliveries`,
    );
    return r.deliveries;
  }

  scanLists(): Promise<ScanLists> {
    return this.request(ScanListsSchema, 'GET', '/v1/scan/lists');
  }

  putScanLists(lists: { sensitive?: string; typos?: string }) {
    return this.request(ScanListsPutAnswerSchema, 'PUT', '/v1/scan/lists', lists);
  }

  authenticity(storyId: string): Promise<AuthenticityRecord> {
    return this.request(
      AuthenticityRecordSchema,
      'GET',
      `/v1/stories/${encodeURIComponent(storyId)}/authenticity`,
    );
  }

  applyAuthenticity(storyId: string, op: AuthenticityOp): Promise<AuthenticityRecord> {
    return this.request(
      AuthenticityRecordSchema,
      'POST',
      `/v1/stories/${encodeURIComponent(storyId)}/authenticity`,
      { op },
    );
  }

  auditReport(storyId: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
    return this.request(
      AuditReportAnswerSchema,
      'GET',
      `/v1/stories/${encodeURIComponent(storyId)}/audit?locale=${locale}`,
    );
  }

  setReviewPlan(deskId: string, plan: ReviewPlan | null) {
    return this.request(
      ReviewPlanAnswerSchema,
      'PUT',
      `/v1/desks/${encodeURIComponent(deskId)}/review-plan`,
      { plan },
    );
  }

  auditVerify(): Promise<ChainVerificationWire> {
    return this.request(ChainVerificationSchema, 'GET', '/v1/admin/audit/verify');
  }
}
