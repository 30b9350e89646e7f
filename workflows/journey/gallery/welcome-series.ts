import { row, type GalleryJourney } from './gallery-journey';

/**
 * On sign-up: the welcome email at once, a day later a one-time discount code (the
 * voucher email shows it). A member who cannot get the code (sold out) just ends here.
 */
export const welcomeSeries: GalleryJourney = {
  key: 'welcome_series',
  nodes: [
    {
      id: 'signed_up',
      type: 'trigger_event',
      position: row(0),
      data: { eventName: 'Signed Up', filters: [] },
    },
    {
      id: 'welcome',
      type: 'send_email',
      position: row(1),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'welcome' } },
    },
    {
      id: 'next_day',
      type: 'delay',
      position: row(2),
      data: {
        mode: 'duration',
        duration: { amount: 1, unit: 'days' },
        time: '09:00',
        weekdays: [],
        attribute: '',
        offsetDays: 0,
      },
    },
    {
      id: 'discount',
      type: 'issue_reward',
      position: row(3),
      data: { rewardId: '', charge: false },
      refs: { rewardId: { kind: 'reward', key: 'signup_discount' } },
    },
    {
      id: 'code_email',
      type: 'send_email',
      position: row(4),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'reward-voucher' } },
    },
    { id: 'no_code', type: 'exit', position: row(4, 1), data: {} },
  ],
  edges: [
    { id: 'e_signed_up_welcome', source: 'signed_up', sourceHandle: 'next', target: 'welcome' },
    { id: 'e_welcome_next_day', source: 'welcome', sourceHandle: 'next', target: 'next_day' },
    { id: 'e_next_day_discount', source: 'next_day', sourceHandle: 'next', target: 'discount' },
    { id: 'e_discount_code', source: 'discount', sourceHandle: 'issued', target: 'code_email' },
    { id: 'e_discount_none', source: 'discount', sourceHandle: 'unavailable', target: 'no_code' },
  ],
  // A welcome happens once per customer.
  settings: { reentry: 'once' },
};
