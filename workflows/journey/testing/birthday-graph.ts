import type { JourneyGraph } from '../graph';

/** The foundation's reference journey: birthday → award 100 points (12 months) → send email. */
export function birthdayGraph(templateId: string, overrides: { points?: number } = {}): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 120 },
        data: { points: overrides.points ?? 100, expiresInMonths: 12, reason: 'Birthday bonus' },
      },
      { id: 'email', type: 'send_email', position: { x: 0, y: 240 }, data: { templateId } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' },
      { id: 'e2', source: 'award', sourceHandle: 'next', target: 'email' },
    ],
  };
}
