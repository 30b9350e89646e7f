import { row, type GalleryJourney } from './gallery-journey';

/** On the customer's birthday (9:00 in their zone): the program's birthday bonus, then the birthday email. */
export const birthdayBonus: GalleryJourney = {
  key: 'birthday_bonus',
  nodes: [
    { id: 'birthday', type: 'trigger_birthday', position: row(0), data: { hour: 9 } },
    {
      id: 'bonus',
      type: 'award_points',
      position: row(1),
      data: {
        amount: 'birthday_bonus',
        points: 100,
        formula: '',
        applyTierMultiplier: false,
        expiresInMonths: 12,
        reason: 'Birthday bonus',
      },
    },
    {
      id: 'email',
      type: 'send_email',
      position: row(2),
      data: { templateId: '' },
      refs: { templateId: { kind: 'template', starterKey: 'birthday' } },
    },
  ],
  edges: [
    { id: 'e_birthday_bonus', source: 'birthday', sourceHandle: 'next', target: 'bonus' },
    { id: 'e_bonus_email', source: 'bonus', sourceHandle: 'next', target: 'email' },
  ],
  // One birthday a year.
  settings: { reentry: 'once_per_period', reentryPeriod: 'year' },
};
