import { z } from 'zod';
import type { RecalculateTierResult } from '../activities-contract';
import { defineNode } from './define-node';

export const recalculateTierConfig = z.object({});

/** Upgrades the member now if they qualify (downgrades wait for the period end, as everywhere). */
export const recalculateTier = defineNode({
  type: 'recalculate_tier',
  kind: 'loyalty',
  label: 'Recalculate tier',
  configSchema: recalculateTierConfig,
  defaultConfig: {},
  fields: [],
  outputs: () => ['changed', 'unchanged'],
  summaryValues: () => ({}),
  action: () => ({ activity: 'recalculateTier', args: {} }),
  outputAfter: (_c, result) => ((result as RecalculateTierResult).changed ? 'changed' : 'unchanged'),
});
