// The server's publishing loop. The scheduler publishes versions whose time
// has come (by the same rules as a person: review on the current hash,
// embargo). The publisher sends each published version to its outlet: one
// delivery row per (story, channel, revision), taken with a lease so two
// instances never send the same one, retried with backoff when its outlet is
// down while the other channels go out, and recorded (where, when) in the
// story's workflow through record_delivery.
import { newId } from '@shared/domain/ids';
import type { ChannelId } from '@shared/workflow/desks';
import { CHANNEL_IDS } from '@shared/workflow/desks';
import type { DeliveryRecord } from '@shared/workflow/api';
import type { PublishingConfig } from '../config';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import { executeSystemCommand, type WorkflowDeps } from '../workflow/execute-command';
import { allWorkflowStates } from '../workflow/workflow-store';
import { DeliveryError, type AssetSource, type PublishAdapter } from './adapter';
import { AppWebhookAdapter } from './app-webhook';
import { ManualExportAdapter } from './manual-export';
import { WechatAdapter } from './wechat';

export async function listDeliveries(db: Db, storyId: string): Promise<DeliveryRecord[]> {
  const rows = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('story_id', '=', storyId)
    .orderBy('channel')
    .orderBy('revision')
    .execute();
  const iso = (n: number | null) => (n === null ? null : new Date(Number(n)).toISOString());
  return rows.map((r) => ({
    storyId: r.story_id,
    channel: r.channel as ChannelId,
    revision: Number(r.revision),
    status:
      r.status === 'sending'
        ? 'pending'
        : (r.status as 'pending' | 'delivered' | 'failed' | 'exported'),
    attempts: Number(r.attempts),
    url: r.url,
    externalId: r.external_id,
    error: r.error,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    deliveredAt: iso(r.delivered_at),
  }));
}

/** The adapters configured by the environment: app webhook, WeChat, files for the rest. */
export function adaptersFor(
  config: PublishingConfig,
  assets?: AssetSource,
): Record<ChannelId, PublishAdapter> {
  const manual = new ManualExportAdapter(config.exportDir, assets);
  const { wechat } = config;
  return {
    print: manual,
    weibo: manual,
    douyin: manual,
    app: config.appWebhookUrl
      ? new AppWebhookAdapter({ url: config.appWebhookUrl, token: config.appWebhookToken })
      : manual,
    wechat:
      wechat.appId && wechat.appSecret
        ? new WechatAdapter({
            apiBase: wechat.apiBase,
            appId: wechat.appId,
            appSecret: wechat.appSecret,
            defaultThumbMediaId: wechat.defaultThumbMediaId,
            pollMs: wechat.pollMs,
            maxPolls: wechat.maxPolls,
            assets,
          })
        : manual,
  };
}

/** 1×, 2×, 4× … the base delay, at most 30 minutes. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(30 * 60_000, baseMs * 2 ** Math.max(0, attempts - 1));
}

const LEASE_MS = 5 * 60_000;

export interface PublisherOptions {
  db: Db;
  engine: Engine;
  wf: WorkflowDeps;
  config: PublishingConfig;
  adapters: Record<ChannelId, PublishAdapter>;
  now: () => number;
  /** A workflow change was written at this feed position. */
  onChange(seq: number): void;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export class Publisher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly opts: PublisherOptions) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.opts.config.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: publish what is due, then send what is waiting. Overlapping calls share the round. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.publishDue();
        await this.deliverDue();
      } catch (err) {
        this.opts.log.error({ err }, 'publishing round failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** The scheduler: every scheduled version whose time has come. */
  async publishDue(): Promise<number> {
    const { db, engine, wf } = this.opts;
    const now = this.opts.now();
    let published = 0;
    for (const s of await allWorkflowStates(db, { scheduledOnly: true })) {
      for (const ch of CHANNEL_IDS) {
        const v = s.variants[ch];
        if (!v || v.stage !== 'scheduled' || !v.schedule) continue;
        if (Date.parse(v.schedule.publishAt) > now) continue;
        const r = await executeSystemCommand(
          db,
          engine,
          wf,
          { kind: 'system', name: 'scheduler' },
          {
            type: 'publish',
            commandId: newId(),
            storyId: s.storyId,
            channel: ch,
            contentHash: v.schedule.contentHash,
          },
          now,
        );
        if (r.seq !== null) this.opts.onChange(r.seq);
        if (r.applied) published++;
        else if (r.reason && r.reason.code !== 'embargo' && r.reason.code !== 'not_due')
          this.opts.log.warn(
            { story: s.storyId, channel: ch, reason: r.reason.code },
            'scheduled version not published',
          );
      }
    }
    return published;
  }

  /** Takes one due delivery with a lease; null when there is none. */
  private async claim(): Promise<{
    story_id: string;
    channel: string;
    revision: number;
    content_hash: string;
    attempts: number;
    progress: string;
  } | null> {
    const { db } = this.opts;
    const now = this.opts.now();
    const due = await db
      .selectFrom('deliveries')
      .select(['story_id', 'channel', 'revision', 'content_hash', 'attempts', 'progress', 'status'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          // A sender that died mid-way: its lease ran out.
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
        ]),
      )
      .orderBy('created_at')
      .limit(20)
      .execute();
    for (const d of due) {
      const r = await db
        .updateTable('deliveries')
        .set({ status: 'sending', lease_until: now + LEASE_MS })
        .where('story_id', '=', d.story_id)
        .where('channel', '=', d.channel)
        .where('revision', '=', d.revision)
        .where('status', '=', d.status)
        .where('attempts', '=', d.attempts)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return { ...d, revision: Number(d.revision) };
    }
    return null;
  }

  /** Sends every delivery that is due; one outlet failing does not hold up the others. */
  async deliverDue(): Promise<number> {
    let done = 0;
    for (;;) {
      if (this.stopped) return done;
      const d = await this.claim();
      if (!d) return done;
      await this.deliverOne(d);
      done++;
    }
  }

  private async deliverOne(d: {
    story_id: string;
    channel: string;
    revision: number;
    content_hash: string;
    attempts: number;
    progress: string;
  }): Promise<void> {
    const { db, config } = this.opts;
    const channel = d.channel as ChannelId;
    const key = (q: ReturnType<typeof db.updateTable<'deliveries'>>) =>
      q
        .where('story_id', '=', d.story_id)
        .where('channel', '=', d.channel)
        .where('revision', '=', d.revision);
    let progress = JSON.parse(d.progress) as Record<string, unknown>;
    const snapshot = progress.snapshot;
    const attempts = Number(d.attempts) + 1;
    let outcome: { ok: true; url: string | null; externalId: string | null; exported: boolean };
    try {
      if (!snapshot || typeof snapshot !== 'object')
        throw new DeliveryError('no snapshot of the published version', false);
      const result = await this.opts.adapters[channel].deliver(
        {
          storyId: d.story_id,
          channel,
          revision: d.revision,
          contentHash: d.content_hash,
          variant: snapshot as Record<string, unknown>,
        },
        {
          get data() {
            return progress;
          },
          save: async (patch) => {
            progress = { ...progress, ...patch };
            await key(
              db.updateTable('deliveries').set({ progress: JSON.stringify(progress) }),
            ).execute();
          },
        },
      );
      outcome = {
        ok: true,
        url: result.url,
        externalId: result.externalId,
        exported: !!result.exported,
      };
    } catch (err) {
      const retryable = err instanceof DeliveryError ? err.retryable : true;
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = !retryable || attempts >= config.maxAttempts;
      const at = this.opts.now();
      await key(
        db.updateTable('deliveries').set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          error: message.slice(0, 2000),
          lease_until: null,
          next_attempt_at: giveUp ? null : at + retryDelayMs(attempts, config.retryBaseMs),
        }),
      ).execute();
      this.opts.log.warn(
        { story: d.story_id, channel, attempts, retryable, err: message },
        giveUp ? 'delivery failed for good' : 'delivery failed; will retry',
      );
      await this.record(d, channel, 'failed', null, message, at);
      return;
    }
    const at = this.opts.now();
    await key(
      db.updateTable('deliveries').set({
        status: outcome.exported ? 'exported' : 'delivered',
        attempts,
        url: outcome.url,
        external_id: outcome.externalId,
        error: null,
        lease_until: null,
        next_attempt_at: null,
        delivered_at: at,
      }),
    ).execute();
    await this.record(
      d,
      channel,
      'delivered',
      {
        ...(outcome.url ? { url: outcome.url } : {}),
        ...(outcome.externalId ? { externalId: outcome.externalId } : {}),
      },
      null,
      at,
    );
  }

  /** Writes the outcome into the story's workflow (audited, on its timeline). */
  private async record(
    d: { story_id: string; revision: number },
    channel: ChannelId,
    outcome: 'delivered' | 'failed',
    target: { url?: string; externalId?: string } | null,
    error: string | null,
    at: number,
  ): Promise<void> {
    const r = await executeSystemCommand(
      this.opts.db,
      this.opts.engine,
      this.opts.wf,
      { kind: 'system', name: 'publisher' },
      {
        type: 'record_delivery',
        commandId: newId(),
        storyId: d.story_id,
        channel,
        revision: d.revision,
        outcome,
        target,
        error: error?.slice(0, 2000) ?? null,
      },
      at,
    );
    if (r.seq !== null) this.opts.onChange(r.seq);
    if (!r.applied && r.reason)
      this.opts.log.warn(
        { story: d.story_id, channel, reason: r.reason.code },
        'delivery not recorded in the workflow',
      );
  }
}
