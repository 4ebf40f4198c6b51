// One interface for every outlet: given the exact version that was approved
// and published (a snapshot taken when the publish event was written), put
// it where readers get it and say where it went. Adapters keep their
// progress between attempts (WeChat media and publish ids) so a retry
// resumes instead of posting a second time.
import type { ChannelId } from '@shared/workflow/desks';

export interface DeliveryJob {
  storyId: string;
  channel: ChannelId;
  /** 1 = first publication; corrections count up. */
  revision: number;
  contentHash: string;
  /** The channel variant as plain data (readVariantDoc), as it was when published. */
  variant: Record<string, unknown>;
}

export interface DeliveryResult {
  url: string | null;
  externalId: string | null;
  /** Files were written for manual posting rather than sent. */
  exported?: boolean;
}

/** Saved after each step that has an effect outside, so the next attempt starts after it. */
export interface DeliveryProgress {
  readonly data: Record<string, unknown>;
  save(patch: Record<string, unknown>): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** Worth another attempt later (network, 5xx, rate limit, still publishing). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface PublishAdapter {
  readonly name: string;
  deliver(job: DeliveryJob, progress: DeliveryProgress): Promise<DeliveryResult>;
}

/** Image bytes by asset id, when the server holds them. */
export type AssetSource = (
  assetId: string,
) => Promise<{ bytes: Uint8Array; mime: string; fileName: string } | null>;

/** A fetch failure or an HTTP status as a DeliveryError. */
export function httpFailure(what: string, status: number, body: string): DeliveryError {
  return new DeliveryError(
    `${what}: HTTP ${status} ${body.slice(0, 200)}`,
    status === 408 || status === 429 || status >= 500,
  );
}
