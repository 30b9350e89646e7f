import { z } from 'zod';
import { defineNode } from './define-node';

export const pointsExpiringTriggerConfig = z.object({});

/**
 * Enters a member when the daily job announces that some of their points expire soon
 * (the `points_expiring` event; how many days ahead is the program's notice setting).
 */
export const pointsExpiringTrigger = defineNode({
  type: 'trigger_points_expiring',
  kind: 'trigger',
  label: 'Points expiring',
  configSchema: pointsExpiringTriggerConfig,
  defaultConfig: {},
  fields: [],
  outputs: () => ['next'],
  summaryValues: () => ({}),
});
