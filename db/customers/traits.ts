import { z } from 'zod';
import { timeZoneSchema } from '../../config/time-zone';
import {
  customerBirthdaySchema,
  customerEmailSchema,
  customerLocaleSchema,
  customerNameSchema,
} from './upsert-customer';

/** The profile columns an `identify` may set; everything else in its traits becomes an attribute. */
export interface CustomerTraitFields {
  email?: string;
  firstName?: string;
  lastName?: string;
  birthday?: string;
  timeZone?: string;
  locale?: string;
  /** Stored with source `api` and written to the consent history (`upsertCustomer`). */
  marketingConsent?: boolean;
}

export interface CustomerTraits {
  fields: CustomerTraitFields;
  /** The remaining traits, merged key by key into `customers.attributes`. */
  attributes: Record<string, unknown>;
}

export interface TraitIssue {
  /** The trait's key as sent ("first_name"), for the caller to prefix ("batch.2.traits.first_name"). */
  key: string;
  message: string;
}

/**
 * Which trait feeds which column, with the spellings Segment's spec and its libraries use
 * (`firstName` and `first_name`, `timezone` and `timeZone`, `language` for the locale).
 * The first spelling present wins.
 */
const columns: { field: keyof CustomerTraitFields; keys: string[]; schema: z.ZodType<string | boolean> }[] = [
  { field: 'email', keys: ['email'], schema: z.string().trim().pipe(customerEmailSchema) },
  { field: 'firstName', keys: ['firstName', 'first_name'], schema: customerNameSchema },
  { field: 'lastName', keys: ['lastName', 'last_name'], schema: customerNameSchema },
  {
    field: 'birthday',
    keys: ['birthday'],
    // Segment's spec types birthday as a date, and libraries send a full ISO instant
    // ("1990-05-17T00:00:00.000Z"): the calendar date is its first ten characters.
    schema: z
      .string()
      .trim()
      .transform((value) => (/^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value))
      .pipe(customerBirthdaySchema),
  },
  {
    field: 'timeZone',
    keys: ['timezone', 'timeZone', 'time_zone'],
    schema: z.string().trim().pipe(timeZoneSchema),
  },
  { field: 'locale', keys: ['locale', 'language'], schema: customerLocaleSchema },
  {
    field: 'marketingConsent',
    keys: ['marketingConsent', 'marketing_consent'],
    schema: z.boolean({ error: 'must be true or false' }),
  },
];

const mappedKeys = new Set(columns.flatMap((column) => column.keys));

/**
 * Splits an `identify`'s traits into profile columns and free attributes. A mapped trait
 * sent as null or "" leaves the column as it is (clients send empty traits they do not
 * know); one with a value that does not fit (an email without "@") is an issue naming the
 * key, so the whole request is refused instead of storing a half-applied profile.
 */
export function customerTraits(traits: Record<string, unknown>): {
  traits: CustomerTraits;
  issues: TraitIssue[];
} {
  const fields: CustomerTraitFields = {};
  const issues: TraitIssue[] = [];
  for (const column of columns) {
    const key = column.keys.find((k) => traits[k] !== undefined && traits[k] !== null && traits[k] !== '');
    if (key === undefined) continue;
    const parsed = column.schema.safeParse(traits[key]);
    if (parsed.success) (fields as Record<string, string | boolean>)[column.field] = parsed.data;
    else
      issues.push({
        key,
        message:
          typeof traits[key] === 'string' || column.field === 'marketingConsent'
            ? parsed.error.issues[0]!.message
            : 'must be a string',
      });
  }
  const attributes = Object.fromEntries(Object.entries(traits).filter(([key]) => !mappedKeys.has(key)));
  return { traits: { fields, attributes }, issues };
}
