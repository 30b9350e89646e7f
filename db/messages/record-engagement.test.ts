import { describe, expect, it } from 'vitest';
import { journeyIdOf } from './record-engagement';

describe('journeyIdOf', () => {
  it('names the journey from meta or the run id, and none for other runs', async () => {
    const base = { workspaceId: 'ws_1', meta: {} };
    expect(journeyIdOf({ ...base, runId: 'journey:ws_1:jrn_a:cus_1:2026' })).toBe('jrn_a');
    expect(journeyIdOf({ ...base, runId: 'journey:ws_1:jrn_a:cus_1:2026@run-123' })).toBe('jrn_a');
    expect(journeyIdOf({ ...base, runId: 'journey:jrn_old:cus_1:2026' })).toBe('jrn_old');
    expect(journeyIdOf({ ...base, runId: 'test-send:abc' })).toBeUndefined();
    expect(journeyIdOf({ ...base, runId: 'x', meta: { journeyId: 'jrn_meta' } })).toBe('jrn_meta');
  });
});
