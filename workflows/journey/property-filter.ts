import { z } from 'zod';

/**
 * Conditions on an event's properties or a profile's attributes ("total ≥ 50",
 * "plan = gold"), shared by event triggers, wait-for-event, goals and conditions. All
 * filters of a list must hold. Pure: it runs in workflows, the dispatcher and the editor.
 */
export const filterOperators = [
  'equals',
  'not_equals',
  'contains',
  'greater_than',
  'greater_or_equal',
  'less_than',
  'less_or_equal',
  'exists',
  'not_exists',
] as const;
export type FilterOperator = (typeof filterOperators)[number];

export const propertyFilterSchema = z
  .object({
    /** A dot path into the properties: `total`, `order.currency`. */
    property: z
      .string()
      .trim()
      .min(1, 'name the property')
      .max(200)
      .regex(/^[^.\s][^\s]*$/, 'a property path has no spaces'),
    operator: z.enum(filterOperators),
    /** Compared as a number when both sides are numeric, else as text (case-insensitive). */
    value: z
      .union([z.string().max(500), z.number(), z.boolean()])
      .nullable()
      .default(null),
  })
  .superRefine((filter, ctx) => {
    const needsValue = filter.operator !== 'exists' && filter.operator !== 'not_exists';
    if (needsValue && (filter.value === null || filter.value === ''))
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'enter the value to compare with' });
  });

export const propertyFiltersSchema = z.array(propertyFilterSchema).max(20).default([]);

export type PropertyFilter = z.output<typeof propertyFilterSchema>;

export function readPath(properties: Record<string, unknown>, path: string): unknown {
  let value: unknown = properties;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : (JSON.stringify(value)?.toLowerCase() ?? '');
}

export function matchesFilter(filter: PropertyFilter, properties: Record<string, unknown>): boolean {
  const actual = readPath(properties, filter.property);
  switch (filter.operator) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => asText(item) === asText(filter.value));
      return actual !== undefined && actual !== null && asText(actual).includes(asText(filter.value));
    default:
      break;
  }
  if (actual === undefined || actual === null) return filter.operator === 'not_equals';
  const [a, b] = [asNumber(actual), asNumber(filter.value)];
  const numeric = a !== null && b !== null;
  switch (filter.operator) {
    case 'equals':
      return numeric ? a === b : asText(actual) === asText(filter.value);
    case 'not_equals':
      return numeric ? a !== b : asText(actual) !== asText(filter.value);
    case 'greater_than':
      return numeric && a > b;
    case 'greater_or_equal':
      return numeric && a >= b;
    case 'less_than':
      return numeric && a < b;
    case 'less_or_equal':
      return numeric && a <= b;
  }
}

export function matchesFilters(
  filters: readonly PropertyFilter[],
  properties: Record<string, unknown>,
): boolean {
  return filters.every((filter) => matchesFilter(filter, properties));
}
