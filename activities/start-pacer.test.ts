import { describe, expect, it } from 'vitest';
import { createStartPacer, type PacerClock } from './start-pacer';

function fakeClock(): PacerClock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

describe('createStartPacer', () => {
  it('spaces starts at the rate from an empty bucket: n starts take n / rate seconds', async () => {
    const clock = fakeClock();
    const pacer = createStartPacer(20, clock);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      await pacer.take();
      times.push(clock.time);
    }
    expect(times[0]).toBe(50);
    expect(times.at(-1)).toBe(2500);
  });

  it('never exceeds the rate with many callers waiting at once', async () => {
    const slots: number[] = [];
    // Every caller asks at the same instant: each gets its own slot, 10 ms apart.
    const pacer = createStartPacer(100, {
      now: () => 0,
      sleep: async (ms) => {
        slots.push(ms);
      },
    });
    await Promise.all(Array.from({ length: 5 }, () => pacer.take()));
    expect(slots).toEqual([10, 20, 30, 40, 50]);
  });

  it('does not save up idle time as a burst', async () => {
    const clock = fakeClock();
    const pacer = createStartPacer(10, clock);
    await pacer.take();
    clock.time += 10_000;
    const before = clock.time;
    await pacer.take();
    await pacer.take();
    // The first after the pause goes at once, the next waits a full interval.
    expect(clock.time - before).toBe(100);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createStartPacer(0)).toThrow(/ratePerSecond/);
  });
});
