import type { GraphEdge, GraphNode, JourneyGraph } from '../../workflows/journey/graph';

/**
 * A journey of `steps` steps that publishes: a manual trigger, then blocks of award →
 * delay → random split, whose first branch goes on to the next block and whose second
 * tags the customer and exits; laid out top-down as a marketer would leave it.
 */
export function largeJourneyGraph(steps: number): JourneyGraph {
  const nodes: GraphNode[] = [{ id: 's0', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} }];
  const edges: GraphEdge[] = [];
  let previous = { id: 's0', handle: 'next' };
  let y = 0;
  const add = (type: string, data: Record<string, unknown>, x = 0, below = 0) => {
    const id = `s${nodes.length}`;
    nodes.push({ id, type, position: { x, y: y + below }, data });
    return id;
  };
  const connect = (source: string, handle: string, target: string) =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle: handle, target });
  while (nodes.length < steps) {
    y += 150;
    const award = add('award_points', {
      amount: 'fixed',
      points: 10,
      formula: '',
      applyTierMultiplier: false,
      expiresInMonths: 12,
      reason: '',
    });
    connect(previous.id, previous.handle, award);
    if (nodes.length >= steps) break;
    y += 150;
    const delay = add('delay', { mode: 'duration', duration: { amount: 1, unit: 'days' } });
    connect(award, 'next', delay);
    previous = { id: delay, handle: 'next' };
    if (nodes.length + 3 > steps) continue;
    y += 150;
    const split = add('random_split', { shares: [80, 20], holdout: 0 });
    connect(delay, 'next', split);
    const tag = add('update_profile', { action: 'add_tag', tag: `left-${nodes.length}` }, 320);
    connect(split, 'branch_2', tag);
    const exit = add('exit', {}, 320, 150);
    connect(tag, 'next', exit);
    previous = { id: split, handle: 'branch_1' };
  }
  return { nodes, edges };
}
