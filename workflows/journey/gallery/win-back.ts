import { row, type GalleryJourney } from './gallery-journey';

/**
 * When a customer joins the "lapsed 90 days" segment: the we-miss-you email, then two
 * weeks' wait for an order; coming back earns a welcome-back bonus.
 */
export const winBack: GalleryJourney = {
  key: 'win_back',
  nodes: [
    {
      id: 'lapsed',
      type: 'trigger_segment_entered',
      position: row(0),
      data: { segmentId: '' },
      refs: { segmentId: { kind: 'segment', key: 'lapsed_90_days' } },
    },
    {
      id: 'miss_you',
      type: 'send_email',
      position: row(1),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'win-back' } },
    },
    {
      id: 'wait_order',
      type: 'wait_for_event',
      position: row(2),
      data: { eventName: 'Order Completed', filters: [], timeout: { amount: 14, unit: 'days' } },
    },
    {
      id: 'welcome_back',
      type: 'award_points',
      position: row(3, -1),
      data: {
        amount: 'fixed',
        points: 100,
        formula: '',
        applyTierMultiplier: false,
        expiresInMonths: 6,
        reason: 'Welcome back bonus',
      },
    },
    { id: 'still_away', type: 'exit', position: row(3, 1), data: {} },
  ],
  edges: [
    { id: 'e_lapsed_email', source: 'lapsed', sourceHandle: 'next', target: 'miss_you' },
    { id: 'e_email_wait', source: 'miss_you', sourceHandle: 'next', target: 'wait_order' },
    { id: 'e_wait_bonus', source: 'wait_order', sourceHandle: 'received', target: 'welcome_back' },
    { id: 'e_wait_away', source: 'wait_order', sourceHandle: 'timeout', target: 'still_away' },
  ],
  // At most one win-back a month: lapsing, returning and lapsing again soon is not asked twice.
  settings: { reentry: 'once_per_period', reentryPeriod: 'month' },
};
