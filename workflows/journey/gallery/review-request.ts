import { row, type GalleryJourney } from './gallery-journey';

/**
 * A week after an order: the review request; a review written within two weeks earns the
 * review points, otherwise the run ends quietly.
 */
export const reviewRequest: GalleryJourney = {
  key: 'review_request',
  nodes: [
    {
      id: 'ordered',
      type: 'trigger_event',
      position: row(0),
      data: { eventName: 'Order Completed', filters: [] },
    },
    {
      id: 'a_week_later',
      type: 'delay',
      position: row(1),
      data: {
        mode: 'duration',
        duration: { amount: 7, unit: 'days' },
        time: '09:00',
        weekdays: [],
        attribute: '',
        offsetDays: 0,
      },
    },
    {
      id: 'ask',
      type: 'send_email',
      position: row(2),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'review-request' } },
    },
    {
      id: 'wait_review',
      type: 'wait_for_event',
      position: row(3),
      data: { eventName: 'Review Written', filters: [], timeout: { amount: 14, unit: 'days' } },
    },
    {
      id: 'review_points',
      type: 'award_points',
      position: row(4, -1),
      data: {
        amount: 'fixed',
        points: 20,
        formula: '',
        applyTierMultiplier: false,
        expiresInMonths: 12,
        reason: 'Review bonus',
      },
    },
    { id: 'no_review', type: 'exit', position: row(4, 1), data: {} },
  ],
  edges: [
    { id: 'e_ordered_delay', source: 'ordered', sourceHandle: 'next', target: 'a_week_later' },
    { id: 'e_delay_ask', source: 'a_week_later', sourceHandle: 'next', target: 'ask' },
    { id: 'e_ask_wait', source: 'ask', sourceHandle: 'next', target: 'wait_review' },
    { id: 'e_wait_points', source: 'wait_review', sourceHandle: 'received', target: 'review_points' },
    { id: 'e_wait_none', source: 'wait_review', sourceHandle: 'timeout', target: 'no_review' },
  ],
  // One request at a time: a second order while a request is open does not send another.
  settings: { reentry: 'after_exit' },
};
