import { z } from 'zod';
import { defineNode } from './define-node';

export const segmentEnteredTriggerConfig = z.object({
  segmentId: z.string().trim().min(1, 'choose a segment').max(100),
});

/**
 * Enters a customer when they join a segment: the `segment_entered` event the segment
 * evaluation emits (after each of their events, and daily), filtered to this segment. A
 * customer who leaves and joins again enters again, as the re-entry setting allows.
 */
export const segmentEnteredTrigger = defineNode({
  type: 'trigger_segment_entered',
  kind: 'trigger',
  label: 'Segment entered',
  configSchema: segmentEnteredTriggerConfig,
  defaultConfig: { segmentId: '' },
  fields: [{ name: 'segmentId', input: 'segment' }],
  outputs: () => ['next'],
  summaryValues: () => ({}),
  references: (c) => [{ kind: 'segment', id: c.segmentId, field: 'segmentId' }],
});
