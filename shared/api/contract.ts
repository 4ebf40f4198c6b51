// The contract between the renderer and its host (Electron main or the web
// host): every call's name with its input and output schema, and every event
// the host pushes. Types are derived from the schemas; the preload, the IPC
// handlers, the web host and the renderer's client are all built from this.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import {
  StoryFieldsSchema,
  StorySortSchema,
  StoryStatusSchema,
  StorySummarySchema,
} from '../domain/story';
import { ErrorCodeSchema } from './errors';
import { adminCalls } from './admin-calls';
import { UpdateStatusSchema } from '../updates/status';
import { ChannelIdSchema } from '../domain/channel-ids';
import {
  ChannelContextSchema,
  ExportResultSchema,
  MasterChangeSchema,
  PullReportSchema,
  VariantStateSchema,
} from '../variants/schemas';
import { WorkflowCommandSchema } from '../workflow/commands';
import { StoryWorkflowSchema } from '../workflow/state';
import { ReasonSchema } from '../workflow/reasons';
import { ReviewPlanSchema } from '../workflow/review-plan';
import {
  AuditReportAnswerSchema,
  ChainVerificationSchema,
  DeliveryRecordSchema,
  NotificationSchema,
  NotificationsAnswerSchema,
  NotificationsReadSchema,
  QueuesAnswerSchema,
  ReviewPlanAnswerSchema,
  ScanListsPutAnswerSchema,
  ScanListsPutSchema,
  ScanListsSchema,
  WorkflowViewSchema,
} from '../workflow/api';
import { AuthenticityOpSchema } from '../authenticity/ops';
import { AuthenticityRecordSchema } from '../authenticity/model';
import { CropSchema } from '../domain/master-story';
import {
  AddAssetOutputSchema,
  AddRenditionOutputSchema,
  AssetIdSchema,
  GetAssetOutputSchema,
} from '../assets/model';

/** Largest Yjs update accepted in one push (base64 characters). A keystroke is tens of bytes. */
export const MAX_UPDATE_BASE64 = 8 * 1024 * 1024;
/** Largest file accepted for import, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Largest message any transport accepts (an import is base64, so 4/3 of its size). */
export const MAX_MESSAGE_BYTES = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 64 * 1024;

const Base64 = z.base64();
/** `story:<id>` (the master) or `variant:<id>:<channel>` (one channel's version). */
const DocIdSchema = z
  .string()
  .regex(/^(story:[0-9a-f-]{36}|variant:[0-9a-f-]{36}:[a-z]{2,20})$/, 'not a document id');
const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a client id');

export const LOCALES = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

const LinkSettingSchema = z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(200)]);

export const SettingsSchema = z.object({
  locale: LocaleSchema,
  /** The newsroom's short-link service (tracked links and QR codes), e.g. https://s.example.cn. */
  linkBaseUrl: LinkSettingSchema.optional(),
  /** Where the app publishes articles; a story's online version is `<this>/<story id>`. */
  onlineBaseUrl: LinkSettingSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Something the host tells the user once, e.g. that a damaged database was moved aside. */
export const NoticeSchema = z.object({
  id: z.string(),
  kind: z.enum([
    'database_recovered',
    'storage_error',
    'storage_recovered',
    'command_rejected',
    'session_expired',
  ]),
  severity: z.enum(['info', 'warning', 'error']),
  params: z.record(z.string(), z.string()),
  at: z.iso.datetime(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const ListStoriesInputSchema = z.object({
  query: z.string().trim().max(200).optional(),
  status: StoryStatusSchema.optional(),
  section: z.string().max(40).optional(),
  sort: StorySortSchema.default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  trashed: z.boolean().default(false),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ListStoriesInput = z.input<typeof ListStoriesInputSchema>;

export const StoryPageSchema = z.object({
  items: z.array(StorySummarySchema),
  total: z.number().int().nonnegative(),
  /** True when the count was capped (very broad 1–2 字 searches). */
  totalIsEstimate: z.boolean(),
});

const StoryRefSchema = z.object({ id: IdSchema });
const StoryChannelSchema = z.object({ storyId: IdSchema, channel: ChannelIdSchema });

export const DocOpenOutputSchema = z.object({
  /** The whole document as one Yjs update. */
  state: Base64,
});

export const ImportInputSchema = z.object({
  id: IdSchema,
  fileName: z.string().min(1).max(255),
  /** The file's bytes, base64. */
  data: z.base64().max(MAX_MESSAGE_BYTES),
});

export const StorageStatusSchema = z.object({
  writable: z.boolean(),
  code: ErrorCodeSchema.optional(),
  pendingUpdates: z.number().int().nonnegative(),
});
export type StorageStatus = z.infer<typeof StorageStatusSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  dataDir: z.string(),
  notices: z.array(NoticeSchema),
  storage: StorageStatusSchema,
});

/** Connection to the newsroom server, as the status bar shows it. */
export const SYNC_STATES = ['signed_out', 'offline', 'connecting', 'syncing', 'online'] as const;
export const SyncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  serverUrl: z.string().nullable(),
  user: z
    .object({ id: z.string(), login: z.string(), displayName: z.string(), role: z.string() })
    .nullable(),
  /** Local edits the server has not acknowledged yet. */
  pendingChanges: z.number().int().nonnegative(),
  /** Workflow commands (发稿…) waiting in the outbox. */
  pendingCommands: z.number().int().nonnegative(),
  lastSyncAt: z.iso.datetime().nullable(),
  /** Why the last attempt failed, as an error code the UI translates. */
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SignInInputSchema = z.object({
  serverUrl: z
    .string()
    .trim()
    .max(300)
    .refine((u) => /^https?:\/\/[^\s/]+/i.test(u), 'not an http(s) address'),
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
/** A diagnostics archive: saved where the user chose (Electron), or its bytes to download (web host). */
export const DiagnosticsResultSchema = z.object({
  fileName: z.string(),
  /** Where the archive was written; null when the user cancelled or the host returns the bytes. */
  savedTo: z.string().nullable(),
  /** The zip, base64, when the host cannot show a save dialog (the web host). */
  data: Base64.nullable(),
  bytes: z.number().int().nonnegative(),
});
export type DiagnosticsResult = z.infer<typeof DiagnosticsResultSchema>;

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const calls = {
  'app.info': call(z.object({}), AppInfoSchema),
  'app.dismissNotice': call(z.object({ id: z.string() }), z.object({})),
  'settings.get': call(z.object({}), SettingsSchema),
  'settings.update': call(SettingsSchema.partial(), SettingsSchema),

  'stories.list': call(ListStoriesInputSchema, StoryPageSchema),
  'stories.get': call(StoryRefSchema, StorySummarySchema),
  'stories.create': call(
    z.object({ id: IdSchema, fields: StoryFieldsSchema.partial().optional() }),
    StorySummarySchema,
  ),
  'stories.duplicate': call(z.object({ id: IdSchema, newId: IdSchema }), StorySummarySchema),
  'stories.trash': call(StoryRefSchema, StorySummarySchema),
  'stories.restore': call(StoryRefSchema, StorySummarySchema),
  'stories.purge': call(StoryRefSchema, z.object({})),
  'stories.import': call(ImportInputSchema, StorySummarySchema),

  'doc.open': call(z.object({ docId: DocIdSchema, clientId: ClientIdSchema }), DocOpenOutputSchema),
  'doc.push': call(
    z.object({
      docId: DocIdSchema,
      clientId: ClientIdSchema,
      update: Base64.max(MAX_UPDATE_BASE64),
    }),
    z.object({ persisted: z.boolean() }),
  ),
  'doc.close': call(z.object({ docId: DocIdSchema, clientId: ClientIdSchema }), z.object({})),
  /** This window's presence in a document (y-protocols awareness update), for the other editors. */
  'doc.awareness': call(
    z.object({ docId: DocIdSchema, clientId: ClientIdSchema, update: Base64.max(64 * 1024) }),
    z.object({}),
  ),

  'sync.status': call(z.object({}), SyncStatusSchema),
  'sync.signIn': call(SignInInputSchema, SyncStatusSchema),
  'sync.signOut': call(z.object({}), SyncStatusSchema),
  'sync.desks': call(
    z.object({}),
    z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        kind: z.enum(['channel', 'topic']),
      }),
    ),
  ),
  /** 发稿: files the story to a desk. Queued in the outbox; applied here at once, undone if refused. */
  'stories.file': call(z.object({ id: IdSchema, deskId: IdSchema }), StorySummarySchema),

  'updates.status': call(z.object({}), UpdateStatusSchema),
  /** Checks the feed now (and downloads in the background if there is something newer). */
  'updates.check': call(z.object({}), UpdateStatusSchema),
  /** Saves what is pending, then quits and installs the downloaded update. */
  'updates.install': call(z.object({}), z.object({ installing: z.boolean() })),
  /** Zips the logs and version facts for IT. */
  'diagnostics.collect': call(z.object({}), DiagnosticsResultSchema),

  /** Every channel's state for a story, the master's current revision, and the derivation context. */
  'variants.list': call(
    z.object({ storyId: IdSchema }),
    z.object({
      variants: z.array(VariantStateSchema),
      revision: z.string(),
      context: ChannelContextSchema,
    }),
  ),
  'variants.setEnabled': call(
    StoryChannelSchema.extend({ enabled: z.boolean() }),
    VariantStateSchema,
  ),
  /**
   * `ensure`: make the variant document if it does not exist, and bring a
   * variant no desk has edited up to the master. `rederive`: replace the
   * variant (or one `field`) with a fresh derivation — the desk asked for it.
   */
  'variants.derive': call(
    StoryChannelSchema.extend({
      mode: z.enum(['ensure', 'rederive']).default('ensure'),
      field: z.string().min(1).max(40).optional(),
    }),
    VariantStateSchema,
  ),
  /** What changed in the master since the variant's base revision. */
  'variants.masterDiff': call(
    StoryChannelSchema,
    z.object({
      change: MasterChangeSchema,
      baseRevision: z.string().nullable(),
      revision: z.string(),
    }),
  ),
  /** Applies the master's change onto the variant where it applies cleanly; reports the rest. */
  'variants.pull': call(
    StoryChannelSchema.extend({ fields: z.array(z.string().min(1).max(40)).max(20).optional() }),
    PullReportSchema,
  ),
  /** Keeps the variant as it is and takes the master's current revision as its base. */
  'variants.dismiss': call(StoryChannelSchema, VariantStateSchema),
  'variants.export': call(
    z.object({
      storyId: IdSchema,
      channels: z.array(ChannelIdSchema).min(1).max(10),
      target: z.enum(['zip', 'folder']),
    }),
    ExportResultSchema,
  ),
  /** WeChat's "copy as rich text": the article HTML and its plain text, for the clipboard. */
  'variants.wechatClipboard': call(
    z.object({ storyId: IdSchema }),
    z.object({ html: z.string(), text: z.string() }),
  ),
  ...adminCalls,

  // ---- Editorial workflow (issue 6). All need sign-in: signed out they fail with `unauthorized`. ----
  /**
   * The story's workflow as the server last said, with the commands still in
   * the outbox applied on top (`pending`): state, review progress per version,
   * the actions this person may take, the timeline.
   */
  'workflow.state': call(
    z.object({ storyId: IdSchema }),
    WorkflowViewSchema.extend({
      /** Commands made here that the server has not confirmed yet, oldest first. */
      pending: z.array(WorkflowCommandSchema),
      /** False when the server could not be reached and this is the last view seen. */
      fresh: z.boolean(),
      /**
       * The content hash of each version as this computer holds it. `synced`
       * false: local edits have not reached the server yet, so a sign-off or
       * publish now would name content the server does not have.
       */
      local: z.array(z.object({ channel: ChannelIdSchema, hash: z.string(), synced: z.boolean() })),
    }),
  ),
  /**
   * One workflow command (claim, submit_for_review, sign_off, send_back…).
   * Checked here with the same rules as the server; refused at once with the
   * translated reason, or applied optimistically and queued in the outbox
   * (rolled back with the server's reason, as a `command_rejected` notice, if
   * the server refuses it). `commandId` is made by the host when absent.
   */
  'workflow.command': call(
    z.object({
      storyId: IdSchema,
      /** commandId: a fresh UUIDv7 (newId()); storyId: the same story. */
      command: WorkflowCommandSchema,
    }),
    z.discriminatedUnion('status', [
      z.object({
        status: z.literal('queued'),
        commandId: IdSchema,
        state: StoryWorkflowSchema,
      }),
      z.object({ status: z.literal('refused'), reason: ReasonSchema }),
    ]),
  ),
  /** My queues with counts, and one desk's when `deskId` is given. */
  'workflow.queues': call(z.object({ deskId: IdSchema.optional() }), QueuesAnswerSchema),
  /** In-app notifications: what landed in my queues. */
  'workflow.notifications': call(
    z.object({ unreadOnly: z.boolean().default(false) }),
    NotificationsAnswerSchema,
  ),
  'workflow.markNotificationsRead': call(
    NotificationsReadSchema,
    z.object({ unread: z.number().int().nonnegative() }),
  ),
  /** Where each channel version went (URLs/ids), when, and what is still retrying. */
  'workflow.deliveries': call(
    z.object({ storyId: IdSchema }),
    z.object({ deliveries: z.array(DeliveryRecordSchema) }),
  ),
  /** The newsroom's word lists as text (everyone may read; desk heads and admins save). */
  'scan.lists.get': call(z.object({}), ScanListsSchema),
  'scan.lists.put': call(ScanListsPutSchema, ScanListsPutAnswerSchema),
  'authenticity.get': call(z.object({ storyId: IdSchema }), AuthenticityRecordSchema),
  'authenticity.apply': call(
    z.object({ storyId: IdSchema, op: AuthenticityOpSchema }),
    AuthenticityRecordSchema,
  ),
  /** The audit report of one story, as data and Markdown (locale of the Markdown). */
  'audit.report': call(
    z.object({ storyId: IdSchema, locale: LocaleSchema.default('zh-CN') }),
    AuditReportAnswerSchema,
  ),
  /** A channel desk's review chain (desk head of the desk, editor-in-chief, admin); null = default. */
  'workflow.setReviewPlan': call(
    z.object({ deskId: IdSchema, plan: ReviewPlanSchema.nullable() }),
    ReviewPlanAnswerSchema,
  ),
  /** Admins: checks the server's whole hash chain. */
  'audit.verify': call(z.object({}), ChainVerificationSchema),
  /**
   * Adds a photo to a story's asset store: the host reads type, size and EXIF
   * from the bytes (asset_not_image, asset_too_large, asset_corrupt otherwise).
   * The renderer then puts the returned entry into the story document.
   */
  'assets.add': call(
    z.object({
      storyId: IdSchema,
      fileName: z.string().min(1).max(255),
      // Up to the transport's cap; the host answers asset_too_large above MAX_ASSET_BYTES.
      data: Base64,
    }),
    AddAssetOutputSchema,
  ),
  /**
   * A crop of a photo, rendered by the window (canvas) when a desk set it: exports
   * use these pixels where a channel needs a cropped file (the Douyin cover).
   */
  'assets.addRendition': call(
    z.object({ sourceId: AssetIdSchema, crop: CropSchema, data: Base64 }),
    AddRenditionOutputSchema,
  ),
  /** A photo's bytes, to show it (as a blob: URL); not_found when this machine lacks it. */
  'assets.get': call(z.object({ id: AssetIdSchema }), GetAssetOutputSchema),
} as const;

export const events = {
  /** An update to a document this client has open, made by someone else. */
  'doc.update': z.object({ docId: DocIdSchema, origin: z.string(), update: Base64 }),
  /** Updates that could not be written earlier are now on disk. */
  'doc.persisted': z.object({ docId: DocIdSchema }),
  /** Whether the host can write to its database right now. */
  'storage.status': StorageStatusSchema,
  /** Stories whose summary changed; lists showing them should refresh. */
  'stories.changed': z.object({ ids: z.array(z.string()) }),
  /** A story's variants changed state (derived, edited, enabled, master changed since their base). */
  'variants.changed': z.object({ storyId: z.string(), channels: z.array(ChannelIdSchema) }),
  /** Photos arrived from the newsroom server: windows showing a placeholder for them reload. */
  'assets.arrived': z.object({ ids: z.array(AssetIdSchema) }),
  notice: NoticeSchema,
  'sync.status': SyncStatusSchema,
  /** Other people's presence in a document this window has open. */
  'doc.awareness': z.object({ docId: DocIdSchema, update: Base64 }),
  /** The updater's status changed (checking, progress, ready, error). */
  'updates.status': UpdateStatusSchema,
  /** Stories whose workflow changed (here, optimistically, or on the server); refresh workflow.state. */
  'workflow.changed': z.object({ storyIds: z.array(z.string()) }),
  /** Something landed in one of my queues (also worth a desktop notification). */
  'workflow.notification': NotificationSchema,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
