import { z } from 'zod';
import type { ProfileChange } from '../activities-contract';
import { defineNode } from './define-node';

export const profileActions = ['set_attribute', 'add_tag', 'remove_tag', 'set_consent'] as const;
export const attributeValueTypes = ['text', 'number', 'boolean', 'date'] as const;

/**
 * Attribute names as the condition and Liquid (`customer.attributes.plan`) address them.
 * `tags` is the tag list, changed by the tag actions only, so a text cannot replace it.
 */
const attributeName = /^[A-Za-z_][A-Za-z0-9_]*$/;
const reservedAttributes = new Set(['tags']);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const required = (path: string, message: string) => ({
  code: 'too_small' as const,
  origin: 'string' as const,
  minimum: 1,
  inclusive: true,
  path: [path],
  message,
});

export const updateProfileConfig = z
  .object({
    action: z.enum(profileActions),
    attribute: z.string().trim().max(100).default(''),
    valueType: z.enum(attributeValueTypes).default('text'),
    /** Entered as text; `valueType` says how it is stored (checked here, converted in `action`). */
    value: z.string().trim().max(1000).default(''),
    tag: z.string().trim().max(100).default(''),
    consent: z.enum(['granted', 'revoked']).default('granted'),
  })
  .superRefine((c, ctx) => {
    if (c.action === 'set_attribute') {
      if (c.attribute === '') ctx.addIssue(required('attribute', 'name the attribute'));
      else if (!attributeName.test(c.attribute) || reservedAttributes.has(c.attribute))
        ctx.addIssue({
          code: 'custom',
          path: ['attribute'],
          message: 'letters, digits and _ only, not starting with a digit; "tags" is the tag list',
        });
      if (parseAttributeValue(c.valueType, c.value) === undefined) {
        if (c.value === '' && c.valueType !== 'text') ctx.addIssue(required('value', 'enter the value'));
        else if (c.valueType !== 'text')
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: {
              text: '',
              number: 'enter a number',
              boolean: 'enter true or false',
              date: 'enter a date as YYYY-MM-DD',
            }[c.valueType],
          });
      }
    }
    if ((c.action === 'add_tag' || c.action === 'remove_tag') && c.tag === '')
      ctx.addIssue(required('tag', 'name the tag'));
  });

type Config = z.output<typeof updateProfileConfig>;

/** The typed value of a text entry, or undefined when it does not fit the type. */
export function parseAttributeValue(
  type: (typeof attributeValueTypes)[number],
  text: string,
): string | number | boolean | undefined {
  switch (type) {
    case 'text':
      return text;
    case 'number': {
      if (text === '') return undefined;
      const number = Number(text.replace(',', '.'));
      return Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'date': {
      if (!isoDate.test(text)) return undefined;
      // Round-trips only for a real calendar date (no 2026-02-30).
      const date = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : undefined;
    }
  }
}

export function profileChangeOf(c: Config): ProfileChange {
  switch (c.action) {
    case 'set_attribute':
      return {
        kind: 'set_attribute',
        attribute: c.attribute,
        value: parseAttributeValue(c.valueType, c.value)!,
      };
    case 'add_tag':
      return { kind: 'add_tag', tag: c.tag };
    case 'remove_tag':
      return { kind: 'remove_tag', tag: c.tag };
    case 'set_consent':
      return { kind: 'set_consent', consent: c.consent === 'granted' };
  }
}

/** Sets an attribute, adds or removes a tag, or records marketing consent given or withdrawn. */
export const updateProfile = defineNode<Config>({
  type: 'update_profile',
  kind: 'data',
  label: 'Update profile',
  configSchema: updateProfileConfig,
  defaultConfig: {
    action: 'add_tag',
    attribute: '',
    valueType: 'text',
    value: '',
    tag: '',
    consent: 'granted',
  },
  fields: [
    { name: 'action', input: 'select', options: profileActions },
    { name: 'attribute', input: 'text', showWhen: { field: 'action', equals: ['set_attribute'] } },
    {
      name: 'valueType',
      input: 'select',
      options: attributeValueTypes,
      showWhen: { field: 'action', equals: ['set_attribute'] },
    },
    { name: 'value', input: 'text', showWhen: { field: 'action', equals: ['set_attribute'] } },
    { name: 'tag', input: 'text', showWhen: { field: 'action', equals: ['add_tag', 'remove_tag'] } },
    {
      name: 'consent',
      input: 'select',
      options: ['granted', 'revoked'],
      showWhen: { field: 'action', equals: ['set_consent'] },
    },
  ],
  outputs: () => ['next'],
  summaryValues: (c) => ({
    action: c.action,
    attribute: c.attribute,
    value: c.value,
    tag: c.tag,
    consent: c.consent,
  }),
  action: (c) => ({ activity: 'updateProfile', args: { change: profileChangeOf(c) } }),
});
