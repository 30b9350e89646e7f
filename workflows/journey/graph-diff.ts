import type { GraphEdge, GraphNode, JourneyGraph } from './graph';

/**
 * What changed between two graphs of one journey (two published versions, or a version and
 * the draft), for the version history. Pure data in, pure data out: the UI words it, the
 * server counts it.
 *
 * Nodes are matched by id (the editor keeps ids stable across edits). A node whose config
 * and type are unchanged but whose position moved is not "changed": moving a box does not
 * change what the journey does, so it is only counted in `movedNodeIds`.
 *
 * Edges are matched by what they mean (source, output, target), not by id: the editor may
 * recreate an edge with a new id when it is reconnected to the same place. An output that
 * pointed somewhere before and somewhere else now is reported once as rewired.
 */

/** One config value that differs; `path` is dotted like the compiler's field paths (`branches.0.rules.1.value`). */
export type FieldChange =
  | { kind: 'added'; path: string; after: unknown }
  | { kind: 'removed'; path: string; before: unknown }
  | { kind: 'changed'; path: string; before: unknown; after: unknown };

export interface NodeChange {
  id: string;
  type: string;
  /** Set when the node's type itself changed (its config is then compared field by field anyway). */
  previousType: string | null;
  fields: FieldChange[];
}

/** An edge by meaning; `sourceHandle` is the output id (`next`, `yes`, `branch_2`…). */
export interface EdgeRef {
  source: string;
  sourceHandle: string | null;
  target: string;
}

export interface RewiredOutput {
  source: string;
  sourceHandle: string | null;
  previousTarget: string;
  target: string;
}

/** A node as the diff reports it: without its position, which the wording never needs. */
export interface DiffNode {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export interface GraphDiff {
  addedNodes: DiffNode[];
  removedNodes: DiffNode[];
  changedNodes: NodeChange[];
  movedNodeIds: string[];
  addedEdges: EdgeRef[];
  removedEdges: EdgeRef[];
  rewiredOutputs: RewiredOutput[];
}

export interface GraphDiffCounts {
  added: number;
  removed: number;
  changed: number;
  moved: number;
  /** Edges added, removed or rewired. */
  connections: number;
}

export function diffGraphs(before: JourneyGraph, after: JourneyGraph): GraphDiff {
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));

  const addedNodes = after.nodes.filter((node) => !beforeNodes.has(node.id)).map(diffNode);
  const removedNodes = before.nodes.filter((node) => !afterNodes.has(node.id)).map(diffNode);
  const changedNodes: NodeChange[] = [];
  const movedNodeIds: string[] = [];
  for (const node of after.nodes) {
    const previous = beforeNodes.get(node.id);
    if (!previous) continue;
    const fields = diffValues(previous.data, node.data, '');
    const typeChanged = previous.type !== node.type;
    if (typeChanged || fields.length > 0) {
      changedNodes.push({
        id: node.id,
        type: node.type,
        previousType: typeChanged ? previous.type : null,
        fields,
      });
    } else if (previous.position.x !== node.position.x || previous.position.y !== node.position.y) {
      movedNodeIds.push(node.id);
    }
  }

  const beforeEdges = uniqueEdges(before.edges);
  const afterEdges = uniqueEdges(after.edges);
  const gone = [...beforeEdges].filter(([key]) => !afterEdges.has(key)).map(([, edge]) => edge);
  const come = [...afterEdges].filter(([key]) => !beforeEdges.has(key)).map(([, edge]) => edge);
  // Pair a vanished and a new edge leaving the same output: that is one rewiring, not two changes.
  const rewiredOutputs: RewiredOutput[] = [];
  const removedEdges: EdgeRef[] = [];
  const unpaired = [...come];
  for (const edge of gone) {
    const index = unpaired.findIndex(
      (candidate) => candidate.source === edge.source && candidate.sourceHandle === edge.sourceHandle,
    );
    if (index === -1) {
      removedEdges.push(edge);
      continue;
    }
    const [replacement] = unpaired.splice(index, 1);
    rewiredOutputs.push({
      source: edge.source,
      sourceHandle: edge.sourceHandle,
      previousTarget: edge.target,
      target: replacement!.target,
    });
  }

  return {
    addedNodes,
    removedNodes,
    changedNodes,
    movedNodeIds,
    addedEdges: unpaired,
    removedEdges,
    rewiredOutputs,
  };
}

export function countDiff(diff: GraphDiff): GraphDiffCounts {
  return {
    added: diff.addedNodes.length,
    removed: diff.removedNodes.length,
    changed: diff.changedNodes.length,
    moved: diff.movedNodeIds.length,
    connections: diff.addedEdges.length + diff.removedEdges.length + diff.rewiredOutputs.length,
  };
}

/**
 * Field changes between two plain configs (a journey's settings between two versions), in
 * the same shape and with the same list alignment as a node's config changes.
 */
export function diffConfig(before: unknown, after: unknown): FieldChange[] {
  return diffValues(before, after, '');
}

/** The diff of a first version: everything in it was added. */
export function diffFromNothing(graph: JourneyGraph): GraphDiff {
  return diffGraphs({ nodes: [], edges: [] }, graph);
}

function diffNode(node: GraphNode): DiffNode {
  return { id: node.id, type: node.type, data: node.data };
}

function edgeRef(edge: GraphEdge): EdgeRef {
  return { source: edge.source, sourceHandle: edge.sourceHandle ?? null, target: edge.target };
}

function uniqueEdges(edges: readonly GraphEdge[]): Map<string, EdgeRef> {
  const byKey = new Map<string, EdgeRef>();
  for (const edge of edges) {
    const ref = edgeRef(edge);
    byKey.set(JSON.stringify([ref.source, ref.sourceHandle, ref.target]), ref);
  }
  return byKey;
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with sorted keys, so two configs saved with keys in another order compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const join = (prefix: string, key: string | number) => (prefix === '' ? String(key) : `${prefix}.${key}`);

/** Field changes from `before` to `after`, recursing into objects and lists. */
function diffValues(before: unknown, after: unknown, path: string): FieldChange[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const had = before[key] !== undefined;
      const has = after[key] !== undefined;
      if (had && !has) return [{ kind: 'removed' as const, path: join(path, key), before: before[key] }];
      if (!had && has) return [{ kind: 'added' as const, path: join(path, key), after: after[key] }];
      return diffValues(before[key], after[key], join(path, key));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, path);
  return [{ kind: 'changed', path, before, after }];
}

/**
 * Lists (filters, branches, rules, shares) are aligned on their unchanged items first
 * (longest common subsequence), so deleting the first filter reports one removal instead
 * of every later filter as changed. Between two aligned items, leftovers are compared
 * pairwise (an edited item) and the rest reported as added or removed. Paths use the
 * index in the list where the item is: `after`'s for added and changed, `before`'s for removed.
 */
function diffLists(before: readonly unknown[], after: readonly unknown[], path: string): FieldChange[] {
  const a = before.map(canonicalJson);
  const b = after.map(canonicalJson);
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);

  const changes: FieldChange[] = [];
  let pendingBefore: number[] = [];
  let pendingAfter: number[] = [];
  const flush = () => {
    const paired = Math.min(pendingBefore.length, pendingAfter.length);
    for (let k = 0; k < paired; k++)
      changes.push(
        ...diffValues(before[pendingBefore[k]!], after[pendingAfter[k]!], join(path, pendingAfter[k]!)),
      );
    for (const i of pendingBefore.slice(paired))
      changes.push({ kind: 'removed', path: join(path, i), before: before[i] });
    for (const j of pendingAfter.slice(paired))
      changes.push({ kind: 'added', path: join(path, j), after: after[j] });
    pendingBefore = [];
    pendingAfter = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      pendingBefore.push(i++);
    } else {
      pendingAfter.push(j++);
    }
  }
  flush();
  return changes;
}
