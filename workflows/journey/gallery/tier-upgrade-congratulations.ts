import { row, type GalleryJourney } from './gallery-journey';

/** When a member moves up a tier (any tier): the congratulations email and a small thank-you bonus. */
export const tierUpgradeCongratulations: GalleryJourney = {
  key: 'tier_upgrade_congratulations',
  nodes: [
    {
      id: 'upgraded',
      type: 'trigger_tier_changed',
      position: row(0),
      data: { direction: 'upgrade', tierId: '' },
    },
    {
      id: 'congratulations',
      type: 'send_email',
      position: row(1),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'tier-upgrade' } },
    },
    {
      id: 'thank_you',
      type: 'award_points',
      position: row(2),
      data: {
        amount: 'fixed',
        points: 50,
        formula: '',
        applyTierMultiplier: false,
        expiresInMonths: 12,
        reason: 'Tier upgrade bonus',
      },
    },
  ],
  edges: [
    { id: 'e_upgraded_email', source: 'upgraded', sourceHandle: 'next', target: 'congratulations' },
    { id: 'e_email_bonus', source: 'congratulations', sourceHandle: 'next', target: 'thank_you' },
  ],
  // Each upgrade is an occasion, but only once the previous run has ended.
  settings: { reentry: 'after_exit' },
};
