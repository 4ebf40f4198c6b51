// Token buckets per key (a person, or an address before sign-in). In memory
// per instance: behind a load balancer each instance allows its own share,
// which is what a limit against a runaway client needs.
export interface BucketSpec {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: the burst allowed after a quiet spell. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly spec: BucketSpec,
    private readonly now: () => number = Date.now,
  ) {
    // Full buckets carry no information; drop them so the map stays small.
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Takes `cost` tokens; false when the bucket cannot pay (the caller refuses the request). */
  take(key: string, cost = 1): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.spec.burst, at: t };
    b.tokens = Math.min(this.spec.burst, b.tokens + ((t - b.at) / 1000) * this.spec.rate);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < cost) return false;
    b.tokens -= cost;
    return true;
  }

  /** Seconds until `cost` tokens are there, for Retry-After. */
  retryAfter(key: string, cost = 1): number {
    const b = this.buckets.get(key);
    if (!b) return 0;
    return Math.max(1, Math.ceil((cost - b.tokens) / this.spec.rate));
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, b] of this.buckets)
      if (b.tokens + ((t - b.at) / 1000) * this.spec.rate >= this.spec.burst)
        this.buckets.delete(k);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
