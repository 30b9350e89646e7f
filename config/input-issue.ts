import type { z } from 'zod';

/**
 * What is wrong with one input, as data rather than English: the UI words it in the
 * viewer's language ("Punkte: muss größer als 0 sein"), so validation that runs in the
 * journey compiler or in a tRPC procedure never has to know who reads the result.
 */
export type InputIssueKind =
  | 'required'
  | 'not_a_number'
  | 'not_whole'
  | 'min'
  | 'greater_than'
  | 'max'
  | 'less_than'
  | 'min_length'
  | 'max_length'
  | 'not_allowed'
  | 'invalid';

export const inputIssueKinds: readonly InputIssueKind[] = [
  'required',
  'not_a_number',
  'not_whole',
  'min',
  'greater_than',
  'max',
  'less_than',
  'min_length',
  'max_length',
  'not_allowed',
  'invalid',
];

export interface InputIssue {
  /** Dotted path of the offending value ("points", "name"); empty for the input as a whole. */
  path: string;
  kind: InputIssueKind;
  /** The bound a `min`/`max`/`…_length` kind names. */
  limit?: number;
}

/** Every zod issue of a failed parse of `input`, as kinds the UI can translate. */
export function describeInputIssues(issues: readonly z.core.$ZodIssue[], input: unknown): InputIssue[] {
  return issues.map((issue) => describeInputIssue(issue, valueAt(input, issue.path)));
}

function describeInputIssue(issue: z.core.$ZodIssue, value: unknown): InputIssue {
  const path = issue.path.map(String).join('.');
  // An empty field reads as "required" whatever rule it broke first (type, min length …).
  if (value === undefined || value === null || value === '') return { path, kind: 'required' };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return { path, kind: 'not_whole' };
      if (issue.expected === 'number') return { path, kind: 'not_a_number' };
      return { path, kind: 'invalid' };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'number' || issue.origin === 'bigint')
        return { path, kind: issue.inclusive === false ? 'greater_than' : 'min', limit };
      // At least one character: "required", also for blanks a schema trimmed away.
      return limit <= 1 ? { path, kind: 'required' } : { path, kind: 'min_length', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'number' || issue.origin === 'bigint')
        return { path, kind: issue.inclusive === false ? 'less_than' : 'max', limit };
      return { path, kind: 'max_length', limit };
    }
    case 'invalid_value':
      return { path, kind: 'not_allowed' };
    default:
      return { path, kind: 'invalid' };
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
