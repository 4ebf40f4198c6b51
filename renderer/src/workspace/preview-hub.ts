// Keeps every channel's preview up to date while people type, without going
// through the host: the master's and the variants' in-memory Y.Docs are read
// incrementally, and a channel that follows the master is re-derived from it.
// The first change after a frame is derived at once, in the task that made it
// (the keystroke), so React draws the previews in the same commit as the
// editor's own state: every React commit with the caret in a long story walks
// the whole editor's DOM to save and restore the selection, and a second
// commit per keystroke for the previews cost more than deriving them. Further
// changes before the next frame (a burst of remote edits) are derived once, at
// that frame. Checks (the problems panel) run later, when the desk pauses, one
// channel per idle slot. Preview components read from here with
// useSyncExternalStore.
import { getChannel, type ChannelContext, type Problem } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import { derivePreview, type Live } from '@shared/variants/live';
import type { MasterStory } from '@shared/domain/master-story';

export interface ChannelPreview {
  channel: ChannelId;
  /** The variant as the preview shows it (not schema-checked: a preview must never throw). */
  variant: unknown;
  /** Where it came from: derived from the master now, or the variant's own document. */
  source: 'master' | 'variant';
}

type Listener = () => void;

export interface Scheduler {
  frame(cb: () => void): void;
  /** Runs `cb` when the page is idle (or after `timeoutMs`). */
  idle(cb: () => void, timeoutMs: number): void;
  delay(cb: () => void, ms: number): () => void;
}

export const browserScheduler: Scheduler = {
  frame: (cb) => void requestAnimationFrame(() => cb()),
  idle: (cb, timeoutMs) =>
    typeof requestIdleCallback === 'function'
      ? void requestIdleCallback(() => cb(), { timeout: timeoutMs })
      : void setTimeout(cb, 1),
  delay: (cb, ms) => {
    const t = setTimeout(cb, ms);
    return () => clearTimeout(t);
  },
};

/** How long typing must pause before the checks run. */
export const CHECK_DELAY_MS = 350;

/**
 * User Timing entries for the benchmarks: rm:derive:<channel> and
 * rm:check:<channel> only when asked for (localStorage `rongmei.perfMarks` =
 * "1"; three measures a frame are not free; cleared now and then so a long
 * session does not pile them up), rm:previews always (one mark a frame, only
 * the latest kept).
 */
let detailedMarks: boolean | null = null;
function wantMeasures(): boolean {
  if (detailedMarks === null) {
    try {
      detailedMarks = globalThis.localStorage?.getItem('rongmei.perfMarks') === '1';
    } catch {
      detailedMarks = false;
    }
  }
  return detailedMarks;
}

let entries = 0;
function measure(name: string, start: number): void {
  if (!wantMeasures() || typeof performance === 'undefined') return;
  performance.measure(name, { start, end: performance.now() });
  if (++entries > 2000) {
    entries = 0;
    performance.clearMeasures();
  }
}

/**
 * The mark the typing benchmark waits for: this frame's previews went to
 * React. No `detail`: it would be structured-cloned on every frame. Only the
 * latest is kept: the benchmark reads that one, and looking it up among a
 * thousand earlier ones took longer than the mark itself (0.05–0.1 ms).
 */
export function markPreviews(): void {
  if (typeof performance === 'undefined') return;
  performance.clearMarks('rm:previews');
  performance.mark('rm:previews');
}

export class PreviewHub {
  private readonly previews = new Map<ChannelId, ChannelPreview>();
  private readonly problems = new Map<ChannelId, Problem[]>();
  private readonly listeners = new Map<ChannelId, Set<Listener>>();
  private readonly variants = new Map<
    ChannelId,
    { live: Live<Record<string, unknown>>; stop: () => void }
  >();
  private active = new Set<ChannelId>();
  private enabled = new Set<ChannelId>();
  private readonly dirty = new Set<ChannelId>();
  private readonly unchecked = new Set<ChannelId>();
  private framePending = false;
  /** A flush already ran since the last animation frame: further changes wait for the next one. */
  private flushedThisFrame = false;
  private cancelChecks: (() => void) | null = null;
  private checking = false;
  private disposed = false;
  private readonly stopMaster: () => void;
  /** Called after a frame's previews were handed to React (for performance marks). */
  private onFlushed: (() => void) | null = null;

  constructor(
    private readonly master: Live<MasterStory>,
    private ctx: ChannelContext,
    private readonly scheduler: Scheduler = browserScheduler,
  ) {
    this.stopMaster = master.subscribe(() => this.masterChanged());
  }

  private masterChanged(): void {
    for (const c of this.enabled) if (!this.variants.has(c)) this.markDirty(c);
    this.changed();
  }

  private markDirty(c: ChannelId): void {
    this.dirty.add(c);
    this.unchecked.add(c);
  }

  /** After channels were marked dirty: their panes update, their checks run later. */
  private changed(): void {
    if ([...this.dirty].some((c) => this.active.has(c))) this.scheduleFlush();
    this.scheduleChecks();
  }

  private scheduleFlush(): void {
    if (this.framePending || this.disposed) return;
    if (!this.flushedThisFrame) {
      this.flushedThisFrame = true;
      this.scheduler.frame(() => (this.flushedThisFrame = false));
      this.flush();
      return;
    }
    this.framePending = true;
    this.scheduler.frame(() => this.flush());
  }

  /** Recomputes the previews that changed since the last flush, and tells their panes. */
  flush(): void {
    this.framePending = false;
    if (this.disposed) return;
    const changed: ChannelId[] = [];
    for (const c of [...this.dirty]) {
      if (!this.active.has(c)) continue;
      this.dirty.delete(c);
      const prev = this.previews.get(c);
      const t = wantMeasures() ? performance.now() : 0;
      const next = this.compute(c, prev);
      measure(`rm:derive:${c}`, t);
      if (next !== prev) {
        this.previews.set(c, next);
        changed.push(c);
      }
    }
    for (const c of changed) this.listeners.get(c)?.forEach((l) => l());
    this.onFlushed?.();
  }

  private compute(c: ChannelId, prev: ChannelPreview | undefined): ChannelPreview {
    const own = this.variants.get(c);
    if (own) {
      const variant = own.live.read();
      return prev?.source === 'variant' && prev.variant === variant
        ? prev
        : { channel: c, variant, source: 'variant' };
    }
    const channel = getChannel(c);
    if (!channel) return prev ?? { channel: c, variant: null, source: 'master' };
    const variant = derivePreview(
      channel,
      this.master.read(),
      this.ctx,
      prev?.source === 'master' ? prev.variant : undefined,
    );
    return prev?.source === 'master' && prev.variant === variant
      ? prev
      : { channel: c, variant, source: 'master' };
  }

  /** The preview of a channel, computed now if it is stale (e.g. its pane just opened). */
  preview(c: ChannelId): ChannelPreview | undefined {
    if (this.dirty.has(c) || !this.previews.has(c)) {
      this.dirty.delete(c);
      this.previews.set(c, this.compute(c, this.previews.get(c)));
    }
    return this.previews.get(c);
  }

  /** Registers what runs after each frame's previews were handed to React. */
  setOnFlushed(fn: (() => void) | null): void {
    this.onFlushed = fn;
  }

  subscribe(c: ChannelId, listener: Listener): () => void {
    let set = this.listeners.get(c);
    if (!set) this.listeners.set(c, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Channels whose panes are on screen (their previews update every frame). */
  setActive(channels: readonly ChannelId[]): void {
    this.active = new Set(channels);
    if ([...this.dirty].some((c) => this.active.has(c))) this.scheduleFlush();
  }

  /** Channels that go out for this story (their checks run). */
  setEnabled(channels: readonly ChannelId[]): void {
    const next = new Set(channels);
    const added = [...next].filter((c) => !this.enabled.has(c));
    added.forEach((c) => this.markDirty(c));
    for (const c of this.enabled) if (!next.has(c)) this.problems.delete(c);
    this.enabled = next;
    if (added.length > 0) this.changed();
  }

  setContext(ctx: ChannelContext): void {
    if (JSON.stringify(ctx) === JSON.stringify(this.ctx)) return;
    this.ctx = ctx;
    for (const c of this.enabled) this.markDirty(c);
    this.changed();
  }

  /** Shows a channel from its own document (a desk edited it), or from the master again (null). */
  setVariantSource(c: ChannelId, live: Live<Record<string, unknown>> | null): void {
    const current = this.variants.get(c);
    if (current?.live === live) return;
    current?.stop();
    this.variants.delete(c);
    if (live)
      this.variants.set(c, {
        live,
        stop: live.subscribe(() => {
          this.markDirty(c);
          this.changed();
        }),
      });
    this.markDirty(c);
    this.changed();
  }

  problemsOf(c: ChannelId): Problem[] | undefined {
    return this.problems.get(c);
  }

  private scheduleChecks(): void {
    if (this.disposed || this.checking) return;
    this.cancelChecks?.();
    this.cancelChecks = this.scheduler.delay(() => {
      this.cancelChecks = null;
      this.checkNext();
    }, CHECK_DELAY_MS);
  }

  /** One channel's checks per idle slot, so a keystroke never waits behind all five. */
  private checkNext(): void {
    const c = [...this.unchecked].find((x) => this.enabled.has(x));
    if (!c || this.disposed) {
      this.checking = false;
      return;
    }
    this.checking = true;
    this.scheduler.idle(() => {
      this.checking = false;
      if (this.disposed) return;
      this.unchecked.delete(c);
      const channel = getChannel(c);
      const preview = this.preview(c);
      if (channel && preview) {
        const t = wantMeasures() ? performance.now() : 0;
        // A preview derived here just now needs no schema parse (see checkDerived).
        this.problems.set(
          c,
          preview.source === 'master'
            ? channel.checkDerived(preview.variant, this.ctx)
            : channel.check(preview.variant, this.ctx),
        );
        measure(`rm:check:${c}`, t);
        this.listeners.get(c)?.forEach((l) => l());
      }
      if ([...this.unchecked].some((x) => this.enabled.has(x))) this.checkNext();
    }, 1000);
  }

  dispose(): void {
    this.disposed = true;
    this.stopMaster();
    this.cancelChecks?.();
    for (const v of this.variants.values()) v.stop();
    this.variants.clear();
    this.listeners.clear();
  }
}
