import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeInputIssues } from './input-issue';

function issuesOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return describeInputIssues(result.error.issues, input);
}

describe('describeInputIssues', () => {
  const form = z.object({
    name: z.string().trim().min(1).max(5),
    count: z.number().int().min(2).lt(10),
    ratio: z.number().gt(0).max(1),
    locale: z.enum(['en', 'de']),
    zone: z.string().refine((zone) => zone.includes('/')),
    nested: z.object({ amount: z.number() }),
  });

  it('words every rule as a kind with its bound, at the value’s path', () => {
    expect(
      issuesOf(form, {
        name: 'far too long',
        count: 1,
        ratio: 0,
        locale: 'fr',
        zone: 'Berlin',
        nested: { amount: 'x' },
      }),
    ).toEqual([
      { path: 'name', kind: 'max_length', limit: 5 },
      { path: 'count', kind: 'min', limit: 2 },
      { path: 'ratio', kind: 'greater_than', limit: 0 },
      { path: 'locale', kind: 'not_allowed' },
      { path: 'zone', kind: 'invalid' },
      { path: 'nested.amount', kind: 'not_a_number' },
    ]);
    expect(
      issuesOf(form, { name: 'ok', count: 12, ratio: 2, locale: 'de', zone: 'A/B', nested: { amount: 1 } }),
    ).toEqual([
      { path: 'count', kind: 'less_than', limit: 10 },
      { path: 'ratio', kind: 'max', limit: 1 },
    ]);
  });

  it('calls an empty or missing value "required", whichever rule it broke', () => {
    expect(issuesOf(form.pick({ name: true, count: true }), { name: '', count: null })).toEqual([
      { path: 'name', kind: 'required' },
      { path: 'count', kind: 'required' },
    ]);
    expect(issuesOf(form.pick({ locale: true }), {})).toEqual([{ path: 'locale', kind: 'required' }]);
    // Blank, once trimmed: the raw input still holds the spaces.
    expect(issuesOf(form.pick({ name: true }), { name: '   ' })).toEqual([
      { path: 'name', kind: 'required' },
    ]);
    expect(issuesOf(z.object({ code: z.string().min(3) }), { code: 'ab' })).toEqual([
      { path: 'code', kind: 'min_length', limit: 3 },
    ]);
  });

  it('tells a fraction from a non-number', () => {
    expect(issuesOf(z.object({ n: z.number().int() }), { n: 1.5 })).toEqual([
      { path: 'n', kind: 'not_whole' },
    ]);
    expect(issuesOf(z.object({ n: z.number() }), { n: Number.NaN })).toEqual([
      { path: 'n', kind: 'not_a_number' },
    ]);
  });
});
