import { z } from 'zod';
import { defineNode } from './define-node';

export const tierChangeDirections = ['any', 'upgrade', 'downgrade'] as const;

export const tierChangedTriggerConfig = z.object({
  direction: z.enum(tierChangeDirections),
  /** The tier the member moved into; '' = any tier. */
  tierId: z.string().max(100).default(''),
});

/** Enters a member when their tier changes (the `tier_changed` event of the loyalty program). */
export const tierChangedTrigger = defineNode({
  type: 'trigger_tier_changed',
  kind: 'trigger',
  label: 'Tier changed',
  configSchema: tierChangedTriggerConfig,
  defaultConfig: { direction: 'upgrade', tierId: '' },
  fields: [
    { name: 'direction', input: 'select', options: tierChangeDirections },
    { name: 'tierId', input: 'tier' },
  ],
  outputs: () => ['next'],
  summaryValues: (c) => ({ direction: c.direction, anyTier: c.tierId === '' ? 'yes' : 'no' }),
  references: (c) => (c.tierId === '' ? [] : [{ kind: 'tier', id: c.tierId, field: 'tierId' }]),
});
