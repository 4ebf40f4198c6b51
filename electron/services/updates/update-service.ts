// The desktop updater's logic, without Electron: follows the IT policy,
// checks on a schedule, downloads in the background with progress, keeps
// back anything beyond a pinned version, and turns every failure into a
// quiet retry with a status that says what went wrong — never a dialog.
// Installing happens only when the person asks (or when the app quits).
import type { EffectiveUpdatePolicy } from '@shared/updates/policy';
import type { UpdateStatus } from '@shared/updates/status';
import { compareSemver } from '@shared/updates/semver';
import type { Logger } from '../logs/logger';
import { silentLogger } from '../logs/logger';
import type { UpdateEngine, UpdateOffer } from './engine';
import { classifyUpdateError } from './errors';
import type { UpdatesPort } from './port';
import { UpdateScheduler, type SchedulerOptions } from './scheduler';

export interface UpdateServiceOptions {
  currentVersion: string;
  policy: EffectiveUpdatePolicy;
  /** Null when this build cannot update itself (an unpackaged development build). */
  engine: UpdateEngine | null;
  schedule?: Partial<SchedulerOptions>;
  now?: () => number;
  logger?: Logger;
  /** Progress is reported at most this often (ms). */
  progressEveryMs?: number;
}

export class UpdateService implements UpdatesPort {
  private readonly listeners = new Set<(s: UpdateStatus) => void>();
  private readonly scheduler: UpdateScheduler;
  private readonly now: () => number;
  private readonly log: Logger;
  private current: UpdateStatus;
  private lastProgressAt = 0;

  constructor(private readonly opts: UpdateServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.logger ?? silentLogger;
    const p = opts.policy;
    const reason: UpdateStatus['reason'] = !opts.engine
      ? 'development'
      : p.source === 'invalid'
        ? 'policy_invalid'
        : !p.enabled
          ? 'policy'
          : !p.feedUrl
            ? 'no_feed'
            : null;
    this.current = {
      state: !opts.engine ? 'unavailable' : reason ? 'disabled' : 'idle',
      reason,
      currentVersion: opts.currentVersion,
      channel: p.channel,
      feedUrl: p.feedUrl,
      pinVersion: p.pinVersion,
      policySource: p.source,
      policyPath: p.path,
      lastCheckAt: null,
      nextCheckAt: null,
      available: null,
      heldBack: null,
      progress: null,
      lastError: null,
    };
    this.scheduler = new UpdateScheduler(
      () => this.runCheck(),
      { intervalMs: p.checkIntervalMs, now: this.now, ...opts.schedule },
      () => this.set({}),
    );
  }

  get active(): boolean {
    return this.current.state !== 'unavailable' && this.current.state !== 'disabled';
  }

  status(): UpdateStatus {
    return this.current;
  }

  onStatus(listener: (s: UpdateStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    const s = this.current;
    this.log.info('updates.started', {
      state: s.state,
      reason: s.reason,
      channel: s.channel,
      policy: s.policySource,
      pin: s.pinVersion,
    });
    if (this.opts.policy.problem)
      this.log.warn('updates.policy_refused', {
        path: this.opts.policy.path,
        problem: this.opts.policy.problem,
      });
    if (!this.active) return;
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  async check(): Promise<UpdateStatus> {
    if (!this.active) return this.current;
    await this.scheduler.runNow();
    return this.current;
  }

  install(): boolean {
    if (this.current.state !== 'ready' || !this.opts.engine) return false;
    this.log.info('updates.install', { version: this.current.available?.version });
    this.scheduler.stop();
    this.opts.engine.install();
    return true;
  }

  /** One scheduled or manual check; true unless it should be retried soon. */
  private async runCheck(): Promise<boolean> {
    const engine = this.opts.engine;
    if (!engine || !this.active) return true;
    // Downloaded already: nothing to do until the person restarts (or quits).
    if (this.current.state === 'ready') return true;
    this.set({ state: 'checking' });
    let offer: UpdateOffer | null;
    try {
      offer = await engine.check();
    } catch (err) {
      return this.failed('check', err);
    }
    const pin = this.opts.policy.pinVersion;
    if (offer && pin && compareSemver(offer.version, pin) > 0) {
      this.log.info('updates.held_back', { version: offer.version, pin });
      this.set({
        state: 'idle',
        heldBack: offer.version,
        lastCheckAt: this.iso(this.now()),
        lastError: null,
      });
      return true;
    }
    if (!offer) {
      this.log.info('updates.up_to_date', { version: this.opts.currentVersion });
      this.set({
        state: 'idle',
        heldBack: null,
        available: null,
        lastCheckAt: this.iso(this.now()),
        lastError: null,
      });
      return true;
    }
    this.log.info('updates.found', { version: offer.version });
    this.set({
      state: 'downloading',
      available: offer,
      heldBack: null,
      lastCheckAt: this.iso(this.now()),
      progress: { percent: 0, transferred: 0, total: 0, bytesPerSecond: 0 },
    });
    try {
      await engine.download((p) => {
        const t = this.now();
        if (p.percent < 100 && t - this.lastProgressAt < (this.opts.progressEveryMs ?? 500)) return;
        this.lastProgressAt = t;
        this.set({ progress: p });
      });
    } catch (err) {
      return this.failed('download', err);
    }
    this.log.info('updates.ready', { version: offer.version });
    this.set({
      state: 'ready',
      progress: this.current.progress && { ...this.current.progress, percent: 100 },
      lastError: null,
    });
    return true;
  }

  private failed(step: 'check' | 'download', err: unknown): false {
    const code = classifyUpdateError(err);
    this.log.warn(`updates.${step}_failed`, {
      code,
      errorCode: String((err as { code?: unknown })?.code ?? ''),
      failures: this.scheduler.failures + 1,
    });
    this.set({
      state: 'idle',
      progress: null,
      available: step === 'download' ? null : this.current.available,
      lastError: { code, at: this.iso(this.now())! },
    });
    return false;
  }

  private iso(ms: number | null): string | null {
    return ms === null ? null : new Date(ms).toISOString();
  }

  private set(patch: Partial<UpdateStatus>): void {
    this.current = { ...this.current, ...patch, nextCheckAt: this.iso(this.scheduler.nextAt) };
    for (const l of this.listeners) l(this.current);
  }
}
