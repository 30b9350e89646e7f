import { row, type GalleryJourney } from './gallery-journey';

/**
 * Sent on request (a broadcast to a segment, or the enrolment API): members at the top
 * tier get an early-access voucher by email; everyone else leaves at once, so sending it
 * to a wider segment is harmless.
 */
export const vipEarlyAccess: GalleryJourney = {
  key: 'vip_early_access',
  nodes: [
    { id: 'start', type: 'trigger_manual', position: row(0), data: {} },
    {
      id: 'top_tier',
      type: 'loyalty_condition',
      position: row(1),
      data: { subject: 'tier', minBalance: null, minTierId: '' },
      refs: { minTierId: { kind: 'tier', pick: 'top' } },
    },
    {
      id: 'voucher',
      type: 'issue_reward',
      position: row(2, -1),
      data: { rewardId: '', charge: false },
      refs: { rewardId: { kind: 'reward', key: 'vip_early_access' } },
    },
    { id: 'not_vip', type: 'exit', position: row(2, 1), data: {} },
    {
      id: 'invitation',
      type: 'send_email',
      position: row(3, -1),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'reward-voucher' } },
    },
  ],
  edges: [
    { id: 'e_start_condition', source: 'start', sourceHandle: 'next', target: 'top_tier' },
    { id: 'e_condition_voucher', source: 'top_tier', sourceHandle: 'yes', target: 'voucher' },
    { id: 'e_condition_exit', source: 'top_tier', sourceHandle: 'no', target: 'not_vip' },
    { id: 'e_voucher_email', source: 'voucher', sourceHandle: 'issued', target: 'invitation' },
  ],
  // One invitation per member per campaign; a later campaign is a new journey or a new year.
  settings: { reentry: 'once_per_period', reentryPeriod: 'year' },
};
