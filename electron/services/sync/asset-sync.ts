// Photos between this desktop and the newsroom server. Uploads: every photo
// linked to a story that the server does not have yet (story_assets.uploaded_at
// is null) goes up with PUT /v1/assets/<sha256>?story=<id>; the PUT is
// idempotent (content-addressed); a photo above 512 KB goes in parts, and
// after a dropped link the client asks the server how much arrived and goes
// on from there. The queue survives restarts because it is the table itself. Failures back off like the outbox (1 s doubling to 60 s).
// Downloads: when a story document holds a photo this machine lacks (a desk
// opening a reporter's story), GET /v1/assets/<sha256>, verified against its
// hash before it is stored.
import type * as Y from 'yjs';
import { readImages } from '@shared/body/story-images';
import type { AssetStore } from '../assets/asset-store';

export interface ServerSession {
  serverUrl: string;
  token: string;
}

export type FetchBytes = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface AssetSyncOptions {
  assets: AssetStore;
  /** The signed-in session, or null (signed out: nothing moves). */
  session: () => ServerSession | null;
  /** Story ids with photos still to upload (all of them; cheap query). */
  pendingStories: () => string[];
  /** Photos arrived from the server: the windows showing them refresh. */
  arrived: (ids: string[]) => void;
  log?: (msg: string, err?: unknown) => void;
  fetch?: FetchBytes;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Photos above this go up in parts of this size (default 512 KB, a few seconds on 3G). */
  partBytes?: number;
}

const PART_BYTES = 512 * 1024;

export class AssetSync {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private delay: number;
  private stopped = false;
  private readonly fetchImpl: FetchBytes;
  private readonly wanted = new Map<string, string>(); // asset id → story id
  /** Photos known to be here: checkDoc runs on every change, so it asks the database once per photo. */
  private readonly present = new Set<string>();
  /** Uploaded and downloaded counts, for diagnostics and tests. */
  readonly stats = { uploaded: 0, downloaded: 0, failures: 0, partsSent: 0 };

  constructor(private readonly opts: AssetSyncOptions) {
    this.delay = opts.minDelayMs ?? 1000;
    this.fetchImpl =
      opts.fetch ??
      ((url, init) => globalThis.fetch(url, init as RequestInit) as ReturnType<FetchBytes>);
  }

  /** Something may be waiting (a photo added, signed in, link back): run soon. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** A story document changed or was opened: fetch the photos it names that this machine lacks. */
  checkDoc(storyId: string, doc: Y.Doc): void {
    let missing = false;
    for (const image of readImages(doc)) {
      if (this.present.has(image.id) || this.wanted.has(image.id)) continue;
      if (this.opts.assets.has(image.id)) {
        this.present.add(image.id);
        continue;
      }
      this.wanted.set(image.id, storyId);
      missing = true;
    }
    if (missing) this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs one pass now (tests): resolves true when nothing is left to do. */
  async runOnce(): Promise<boolean> {
    return this.pass();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
    this.timer.unref?.();
  }

  private async loop(): Promise<void> {
    this.timer = null;
    if (this.running || this.stopped) return;
    this.running = true;
    let done = false;
    try {
      done = await this.pass();
    } catch (err) {
      this.opts.log?.('photo sync failed', err);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (done && !this.again) {
      this.delay = this.opts.minDelayMs ?? 1000;
      return;
    }
    if (this.again) {
      this.again = false;
      this.schedule(0);
      return;
    }
    this.schedule(this.delay);
    this.delay = Math.min(this.delay * 2, this.opts.maxDelayMs ?? 60_000);
  }

  private async pass(): Promise<boolean> {
    const session = this.opts.session();
    if (!session) return true; // signed out: kicked again at sign-in
    const base = session.serverUrl.replace(/\/+$/, '');
    const auth = { authorization: `Bearer ${session.token}` };
    let ok = true;
    for (const storyId of this.opts.pendingStories()) {
      for (const id of this.opts.assets.pendingUploads(storyId)) {
        const found = this.opts.assets.read(id);
        if (!found) continue;
        const status = await this.upload(base, auth, storyId, id, found.data);
        if (status === 200 || status === 201) {
          this.opts.assets.markUploaded(storyId, id);
          this.stats.uploaded++;
        } else {
          ok = false;
          this.stats.failures++;
          // 403: not ours to edit (yet); 400/413: the server will never take it — stop retrying it.
          if (status === 400 || status === 413) this.opts.assets.markUploaded(storyId, id);
          if (status === 0 || status >= 500 || status === 429) return false; // link down: back off
        }
      }
    }
    const arrived: string[] = [];
    for (const [id, storyId] of [...this.wanted]) {
      if (this.opts.assets.has(id)) {
        this.wanted.delete(id);
        continue;
      }
      let res: Awaited<ReturnType<FetchBytes>>;
      try {
        res = await this.fetchImpl(`${base}/v1/assets/${id}`, { method: 'GET', headers: auth });
      } catch {
        this.stats.failures++;
        return false;
      }
      if (res.status === 200) {
        try {
          await this.opts.assets.addDownloaded(
            storyId,
            id,
            new Uint8Array(await res.arrayBuffer()),
          );
          this.wanted.delete(id);
          this.present.add(id);
          arrived.push(id);
          this.stats.downloaded++;
        } catch (err) {
          this.stats.failures++;
          this.opts.log?.('a downloaded photo did not check out', err);
          ok = false;
        }
      } else {
        // 404: not uploaded yet (the reporter's machine is still sending it) — try again later.
        ok = false;
        this.stats.failures++;
        if (res.status === 0 || res.status >= 500) break;
      }
    }
    if (arrived.length) this.opts.arrived(arrived);
    return ok;
  }

  /**
   * One photo up: whole when small, else in parts from where the server's copy
   * stops (a dropped link resumes there). Answers the final HTTP status, 0 when
   * the link failed.
   */
  private async upload(
    base: string,
    auth: Record<string, string>,
    storyId: string,
    id: string,
    data: Uint8Array,
  ): Promise<number> {
    const url = `${base}/v1/assets/${id}?story=${encodeURIComponent(storyId)}`;
    const headers = { ...auth, 'content-type': 'application/octet-stream' };
    const part = this.opts.partBytes ?? PART_BYTES;
    if (data.byteLength <= part) return this.send(url, { method: 'PUT', headers, body: data });
    let offset = 0;
    try {
      const res = await this.fetchImpl(`${base}/v1/assets/${id}/upload`, {
        method: 'GET',
        headers: auth,
      });
      if (res.status === 200) {
        const answer = JSON.parse(new TextDecoder().decode(await res.arrayBuffer())) as {
          received?: unknown;
        };
        if (typeof answer.received === 'number' && answer.received < data.byteLength)
          offset = Math.max(0, Math.floor(answer.received));
      }
    } catch {
      return 0;
    }
    for (;;) {
      const end = Math.min(data.byteLength, offset + part);
      const status = await this.send(`${url}&offset=${offset}&total=${data.byteLength}`, {
        method: 'PUT',
        headers,
        body: data.subarray(offset, end),
      });
      this.stats.partsSent++;
      if (status !== 202) return status;
      offset = end;
      if (offset >= data.byteLength) return 0; // the server still wants more: ask again next pass
    }
  }

  private async send(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array },
  ): Promise<number> {
    try {
      const res = await this.fetchImpl(url, init);
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch {
      return 0;
    }
  }
}
