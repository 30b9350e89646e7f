import { describeInputIssues, type InputIssueKind } from '../../config/input-issue';
import { isDateTrigger } from './date-trigger';
import { journeyGraphSchema, type GraphEdge, type GraphNode } from './graph';
import { findNodeType, type ReferenceKind } from './nodes';
import type { JourneyProgram, ProgramStep } from './program';
import { journeySettingsSchema } from './settings';

/** Every reason the compiler can refuse a graph; the UI words each as `compile.<code>`. */
export const compileErrorCodes = [
  'invalid_graph',
  'no_trigger',
  'several_triggers',
  'unknown_node_type',
  'invalid_config',
  'missing_reference',
  'unreachable_node',
  'trigger_not_connected',
  'dangling_edge',
  'unknown_output',
  'duplicate_output',
  'edge_into_trigger',
  'loop_without_wait',
  'duplicate_node_id',
  'invalid_settings',
  /** Reported by the publisher, which knows which templates have a live version. */
  'unpublished_template',
] as const;

export type CompileErrorCode = (typeof compileErrorCodes)[number];

/**
 * What a message needs besides the code, as data: the UI translates `nodeType` and
 * `field` through its catalogs and words `issue` + `limit` ("must be greater than 0").
 */
export interface CompileErrorParams {
  /** The catalog type of the node the error is about (`award_points`). */
  nodeType?: string;
  /** Output handle id (`next`, `yes` …). */
  handle?: string;
  /** A node id the graph names but that is missing or duplicated. */
  nodeId?: string;
  /** Where in a malformed graph (`nodes.0.type`). */
  path?: string;
  issue?: InputIssueKind;
  limit?: number;
  /** What a `missing_reference` points at. */
  reference?: ReferenceKind;
  /** The template's name, for `unpublished_template`. */
  template?: string;
}

export interface CompileError {
  code: CompileErrorCode;
  params: CompileErrorParams;
  /** English text for API callers and logs; the UI translates `code` + `params` instead. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}

/** What exists in the workspace, so references can be checked without the compiler doing I/O. */
export interface CompileContext {
  journeyId: string;
  workspaceId: string;
  version: number;
  templateIds: ReadonlySet<string>;
  rewardIds: ReadonlySet<string>;
  tierIds: ReadonlySet<string>;
  /** The workspace's segments; absent: none (a segment trigger or rule is then a missing reference). */
  segmentIds?: ReadonlySet<string>;
  /** The journey's settings (re-entry, goal, window, quiet hours, cap); absent: the defaults. */
  settings?: unknown;
}

export type CompileResult = { ok: true; program: JourneyProgram } | { ok: false; errors: CompileError[] };

/**
 * Graph → program, or every problem found, each tied to the node or edge the canvas
 * should mark. Collects all errors rather than stopping at the first, so a marketer
 * fixes a broken journey in one pass.
 */
export function compileJourney(input: unknown, context: CompileContext): CompileResult {
  const parsed = journeyGraphSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        code: 'invalid_graph',
        params: { path: issue.path.join('.') },
        message: `graph.${issue.path.join('.')}: ${issue.message}`,
      })),
    };
  }
  const { nodes, edges } = parsed.data;
  const errors: CompileError[] = [];
  const nodesById = new Map<string, GraphNode>();
  for (const node of nodes) {
    if (nodesById.has(node.id)) {
      errors.push({
        code: 'duplicate_node_id',
        nodeId: node.id,
        params: { nodeId: node.id },
        message: `Two nodes share the id "${node.id}".`,
      });
    }
    nodesById.set(node.id, node);
  }

  // Node types and configs.
  const configs = new Map<string, Record<string, unknown>>();
  for (const node of nodes) {
    const type = findNodeType(node.type);
    if (!type) {
      errors.push({
        code: 'unknown_node_type',
        nodeId: node.id,
        params: { nodeType: node.type },
        message: `Unknown node type "${node.type}".`,
      });
      continue;
    }
    const result = type.parseConfig(node.data);
    if (!result.ok) {
      for (const issue of result.issues) {
        errors.push({
          code: 'invalid_config',
          nodeId: node.id,
          field: issue.field,
          params: {
            nodeType: node.type,
            issue: issue.kind,
            ...(issue.limit === undefined ? {} : { limit: issue.limit }),
          },
          message: `${type.label}: ${issue.message}`,
        });
      }
      continue;
    }
    const config = result.config as Record<string, unknown>;
    configs.set(node.id, config);
    for (const ref of type.references(config)) {
      const known = {
        template: context.templateIds,
        reward: context.rewardIds,
        tier: context.tierIds,
        segment: context.segmentIds ?? new Set<string>(),
      }[ref.kind];
      if (!known.has(ref.id)) {
        errors.push({
          code: 'missing_reference',
          nodeId: node.id,
          field: ref.field,
          params: { nodeType: node.type, reference: ref.kind },
          message: `${type.label}: the ${ref.kind} does not exist in this workspace.`,
        });
      }
    }
  }

  // Triggers.
  const triggers = nodes.filter((n) => findNodeType(n.type)?.kind === 'trigger');
  if (triggers.length === 0) {
    errors.push({
      code: 'no_trigger',
      params: {},
      message: 'A journey needs exactly one trigger; add one from the palette.',
    });
  }
  for (const extra of triggers.slice(1)) {
    errors.push({
      code: 'several_triggers',
      nodeId: extra.id,
      params: { nodeType: extra.type },
      message: 'A journey has exactly one trigger; remove this one or the other.',
    });
  }

  // Edges.
  const next = new Map<string, Map<string, string>>();
  const validEdges: GraphEdge[] = [];
  for (const edge of edges) {
    const source = nodesById.get(edge.source);
    const target = nodesById.get(edge.target);
    if (!source || !target) {
      errors.push({
        code: 'dangling_edge',
        edgeId: edge.id,
        params: { nodeId: !source ? edge.source : edge.target },
        message: `Connection points to a node that does not exist (${!source ? edge.source : edge.target}).`,
      });
      continue;
    }
    const sourceType = findNodeType(source.type);
    const targetType = findNodeType(target.type);
    if (!sourceType || !targetType) continue;
    if (targetType.kind === 'trigger') {
      errors.push({
        code: 'edge_into_trigger',
        edgeId: edge.id,
        nodeId: target.id,
        params: { nodeType: target.type },
        message: 'Nothing can lead into a trigger.',
      });
      continue;
    }
    const outputs = sourceType.outputs(configs.get(source.id) ?? sourceType.defaultConfig);
    const handle = edge.sourceHandle ?? outputs[0] ?? 'next';
    if (!outputs.includes(handle)) {
      errors.push({
        code: 'unknown_output',
        edgeId: edge.id,
        nodeId: source.id,
        params: { nodeType: source.type, handle },
        message: `${sourceType.label} has no output "${handle}".`,
      });
      continue;
    }
    const byHandle = next.get(source.id) ?? new Map<string, string>();
    if (byHandle.has(handle)) {
      errors.push({
        code: 'duplicate_output',
        edgeId: edge.id,
        nodeId: source.id,
        params: { nodeType: source.type, handle },
        message: `${sourceType.label}: output "${handle}" is connected twice; each output leads to one node.`,
      });
      continue;
    }
    byHandle.set(handle, target.id);
    next.set(source.id, byHandle);
    validEdges.push(edge);
  }

  // Reachability from the trigger.
  const trigger = triggers[0];
  if (trigger) {
    if (!next.get(trigger.id)?.size) {
      errors.push({
        code: 'trigger_not_connected',
        nodeId: trigger.id,
        params: { nodeType: trigger.type },
        message: 'The trigger leads nowhere; connect it to the first step.',
      });
    }
    const reached = new Set<string>([trigger.id]);
    const queue = [trigger.id];
    while (queue.length) {
      const id = queue.shift()!;
      for (const target of next.get(id)?.values() ?? []) {
        if (!reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    for (const node of nodes) {
      if (!reached.has(node.id) && findNodeType(node.type)?.kind !== 'trigger') {
        errors.push({
          code: 'unreachable_node',
          nodeId: node.id,
          params: { nodeType: node.type },
          message: 'This step is not connected to the trigger, so no customer would ever reach it.',
        });
      }
    }
  }

  // Loops must pass through a waiting step, or a run would spin.
  for (const nodeId of findLoopsWithoutWait(nodes, next)) {
    errors.push({
      code: 'loop_without_wait',
      nodeId,
      params: { nodeType: nodesById.get(nodeId)?.type ?? '' },
      message: 'This step is part of a loop with no wait in it; a run would repeat it without pause.',
    });
  }

  const settings = journeySettingsSchema.safeParse(context.settings ?? {});
  if (!settings.success) {
    const described = describeInputIssues(settings.error.issues, context.settings);
    settings.error.issues.forEach((issue, index) => {
      const { path, kind, limit } = described[index]!;
      errors.push({
        code: 'invalid_settings',
        field: path,
        params: { path, issue: kind, ...(limit === undefined ? {} : { limit }) },
        message: `settings.${path}: ${issue.message}`,
      });
    });
  }

  if (errors.length > 0 || !trigger || !settings.success) return { ok: false, errors };

  const steps: Record<string, ProgramStep> = {};
  for (const node of nodes) {
    const type = findNodeType(node.type)!;
    if (type.kind === 'trigger') continue;
    const config = configs.get(node.id)!;
    const outs = next.get(node.id);
    steps[node.id] = {
      id: node.id,
      type: node.type,
      config,
      next: Object.fromEntries(type.outputs(config).map((handle) => [handle, outs?.get(handle) ?? null])),
    };
  }
  const entry = next.get(trigger.id)?.values().next().value ?? null;
  return {
    ok: true,
    program: {
      journeyId: context.journeyId,
      workspaceId: context.workspaceId,
      version: context.version,
      trigger: { nodeId: trigger.id, type: trigger.type, config: configs.get(trigger.id)! },
      // A date-triggered run's entry key is the anniversary's local year, whatever the setting says.
      settings: {
        ...settings.data,
        reentry: isDateTrigger(trigger.type) ? 'once_per_year' : settings.data.reentry,
      },
      entry,
      steps,
    },
  };
}

/** Nodes on a cycle none of whose members waits (Tarjan's strongly connected components). */
function findLoopsWithoutWait(nodes: GraphNode[], next: Map<string, Map<string, string>>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const offending: string[] = [];
  let counter = 0;

  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    for (const target of next.get(id)?.values() ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(id, Math.min(low.get(id)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(id, Math.min(low.get(id)!, index.get(target)!));
      }
    }
    if (low.get(id) === index.get(id)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      const isLoop = component.length > 1 || [...(next.get(id)?.values() ?? [])].includes(id);
      const waits = component.some((m) => findNodeType(nodes.find((n) => n.id === m)?.type ?? '')?.waits);
      if (isLoop && !waits) offending.push(...component);
    }
  };
  for (const node of nodes) if (!index.has(node.id)) visit(node.id);
  return offending;
}
