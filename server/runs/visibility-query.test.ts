import { describe, expect, it } from 'vitest';
import { runFilterSchema, runStatusOf, runVisibilityQuery } from './visibility-query';

describe('runVisibilityQuery', () => {
  it('always scopes to the workspace and the journey workflow, hiding continued-as-new executions', () => {
    expect(runVisibilityQuery('wsp_1', {})).toBe(
      "WorkflowType = 'journeyRun' AND WorkspaceId = 'wsp_1' AND ExecutionStatus != 'ContinuedAsNew'",
    );
  });

  it('adds every filter', () => {
    const query = runVisibilityQuery(
      'wsp_1',
      {
        journeyId: 'jrn_1',
        version: 3,
        customerIds: ['cus_1', 'cus_2'],
        step: 'wait',
        startedFrom: '2026-01-01T00:00:00+01:00',
        startedTo: '2026-01-02T00:00:00Z',
      },
      'cancelled',
    );
    expect(query).toBe(
      "WorkflowType = 'journeyRun' AND WorkspaceId = 'wsp_1' AND JourneyId = 'jrn_1' AND JourneyVersion = 3" +
        " AND CustomerId IN ('cus_1', 'cus_2') AND JourneyStep = 'wait'" +
        " AND StartTime >= '2025-12-31T23:00:00.000Z' AND StartTime <= '2026-01-02T00:00:00.000Z'" +
        " AND ExecutionStatus = 'Canceled'",
    );
  });

  it('refuses a value that would break out of its quotes', () => {
    expect(() => runVisibilityQuery("wsp' OR 1=1", {})).toThrow(/Not a value/);
    expect(runFilterSchema.safeParse({ step: "x' OR 'a'='a" }).success).toBe(false);
  });

  it('names the field of a reversed time range', () => {
    const parsed = runFilterSchema.safeParse({
      startedFrom: '2026-01-02T00:00:00Z',
      startedTo: '2026-01-01T00:00:00Z',
    });
    expect(parsed.error?.issues[0]?.path).toEqual(['startedTo']);
  });
});

describe('runStatusOf', () => {
  it('maps visibility and SDK names', () => {
    expect(runStatusOf('Canceled')).toBe('cancelled');
    expect(runStatusOf('CANCELLED')).toBe('cancelled');
    expect(runStatusOf('TIMED_OUT')).toBe('timed_out');
    expect(runStatusOf('Running')).toBe('running');
    expect(runStatusOf('ContinuedAsNew')).toBe(null);
  });
});
