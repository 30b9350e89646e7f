import { describe, expect, it } from 'vitest';
import { probe } from './probe';

describe('probe', () => {
  it('reports the value and how long it took', async () => {
    const result = await probe(1000, async () => 42);
    expect(result).toMatchObject({ state: 'ok', value: 42 });
    expect(result.state === 'ok' && result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a failure with its message, cut to a readable length', async () => {
    const result = await probe(1000, () => Promise.reject(new Error(`refused ${'x'.repeat(500)}`)));
    expect(result.state).toBe('error');
    expect(result.state === 'error' && result.error.length).toBe(300);
  });

  it('gives up on a check that hangs after its own limit', async () => {
    const started = Date.now();
    const result = await probe(50, () => new Promise<never>(() => {}));
    expect(result).toMatchObject({ state: 'timeout', timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
