import { setTimeout as sleep } from 'node:timers/promises';

export interface PacerClock {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

const realClock: PacerClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Hands out start slots at most `ratePerSecond` a second, however many callers wait at
 * once: a token bucket of capacity one that starts empty, so no burst ever exceeds the
 * rate (n starts take at least n / rate seconds) and idle time is not saved up. Slots are
 * absolute times, so a timer firing late delays one start, not the rate.
 */
export function createStartPacer(ratePerSecond: number, clock: PacerClock = realClock) {
  if (!(ratePerSecond > 0)) throw new Error(`ratePerSecond must be positive, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  let nextSlot = clock.now() + interval;
  return {
    /** Resolves at the caller's slot. */
    async take(): Promise<void> {
      const slot = Math.max(nextSlot, clock.now());
      nextSlot = slot + interval;
      const wait = slot - clock.now();
      if (wait > 0) await clock.sleep(wait);
    },
  };
}
