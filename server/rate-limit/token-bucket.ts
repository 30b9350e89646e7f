/**
 * Token buckets per key (an IP, an email being signed in to, an API key): `burst` requests
 * at once, refilled at `perMinute`. Kept in the process's memory: the web app runs as one
 * process per install, and a restart forgetting the buckets only forgives a minute of
 * traffic. (Several web processes behind a balancer would each allow the full rate; the
 * README says so.)
 */
export interface BucketRule {
  perMinute: number;
  burst: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Far above any honest traffic's distinct keys; beyond it the fullest (idle) buckets go first. */
const maxBuckets = 50_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BucketRule,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Verdict {
    const now = this.now();
    const refillPerMs = this.rule.perMinute / 60_000;
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(this.rule.burst, bucket.tokens + (now - bucket.updatedAt) * refillPerMs)
      : this.rule.burst;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)) };
    }
    // Re-inserting moves the key to the end of the Map's order, which makes eviction LRU.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    if (this.buckets.size > maxBuckets) this.evictOldest();
    return { allowed: true };
  }

  private evictOldest(): void {
    const excess = this.buckets.size - maxBuckets;
    let removed = 0;
    for (const key of this.buckets.keys()) {
      this.buckets.delete(key);
      if (++removed >= excess) return;
    }
  }
}
