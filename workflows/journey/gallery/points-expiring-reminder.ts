import { row, type GalleryJourney } from './gallery-journey';

/**
 * When the daily job announces expiring points (the program's notice lead time): a
 * reminder email, then a week's wait for an order; without one, a second nudge.
 */
export const pointsExpiringReminder: GalleryJourney = {
  key: 'points_expiring_reminder',
  nodes: [
    { id: 'expiring', type: 'trigger_points_expiring', position: row(0), data: {} },
    {
      id: 'reminder',
      type: 'send_email',
      position: row(1),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'points-expiring' } },
    },
    {
      id: 'wait_order',
      type: 'wait_for_event',
      position: row(2),
      data: { eventName: 'Order Completed', filters: [], timeout: { amount: 7, unit: 'days' } },
    },
    { id: 'ordered', type: 'exit', position: row(3, -1), data: {} },
    {
      id: 'second_reminder',
      type: 'send_email',
      position: row(3, 1),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'points-expiring' } },
    },
  ],
  edges: [
    { id: 'e_expiring_reminder', source: 'expiring', sourceHandle: 'next', target: 'reminder' },
    { id: 'e_reminder_wait', source: 'reminder', sourceHandle: 'next', target: 'wait_order' },
    { id: 'e_wait_ordered', source: 'wait_order', sourceHandle: 'received', target: 'ordered' },
    { id: 'e_wait_second', source: 'wait_order', sourceHandle: 'timeout', target: 'second_reminder' },
  ],
  // Expiry notices come at most monthly per member; one reminder run per notice is plenty.
  settings: { reentry: 'once_per_period', reentryPeriod: 'month' },
};
