// The news app: the app version as ninjs (IPTC's JSON news format, made by
// shared/channels/app) POSTed to the app's ingest webhook. The idempotency
// key names the story, channel and revision, so a retry after a lost answer
// is recognised by the receiver instead of making a second article.
import { getChannel } from '@shared/channels';
import {
  DeliveryError,
  httpFailure,
  type DeliveryJob,
  type DeliveryResult,
  type PublishAdapter,
} from './adapter';

export interface AppWebhookOptions {
  url: string;
  token?: string;
  fetch?: typeof fetch;
}

export class AppWebhookAdapter implements PublishAdapter {
  readonly name = 'app-webhook';
  constructor(private readonly opts: AppWebhookOptions) {}

  async deliver(job: DeliveryJob): Promise<DeliveryResult> {
    const channel = getChannel('app');
    if (!channel) throw new DeliveryError('the app channel is not registered', false);
    let ninjs: string;
    try {
      const files = channel.exportFiles(job.variant, { storyId: job.storyId });
      const file = files.find((f) => f.kind === 'text' && f.path === 'ninjs.json');
      if (!file || file.kind !== 'text') throw new Error('no ninjs.json in the app export');
      ninjs = file.content;
    } catch (err) {
      throw new DeliveryError(`the app version cannot be exported: ${String(err)}`, false);
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': `${job.storyId}:app:${job.revision}`,
      'x-rongmei-content-hash': job.contentHash,
    };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const f = this.opts.fetch ?? fetch;
    let res: Response;
    try {
      res = await f(this.opts.url, { method: 'POST', headers, body: ninjs });
    } catch (err) {
      throw new DeliveryError(`app webhook unreachable: ${String(err)}`, true);
    }
    const text = await res.text();
    if (!res.ok) throw httpFailure('app webhook', res.status, text);
    let answer: { url?: unknown; id?: unknown };
    try {
      answer = text ? (JSON.parse(text) as { url?: unknown; id?: unknown }) : {};
    } catch {
      answer = {};
    }
    return {
      url: typeof answer.url === 'string' ? answer.url : null,
      externalId: typeof answer.id === 'string' ? answer.id : `${job.storyId}:${job.revision}`,
    };
  }
}
