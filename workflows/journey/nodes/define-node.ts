import type { z } from 'zod';
import { describeInputIssues, type InputIssueKind } from '../../../config/input-issue';
import type { ActivityCall, RunProfile, TriggerEvent } from '../activities-contract';
import type { PropertyFilter } from '../property-filter';

/** The palette's groups, in its order. */
export const nodeKinds = ['trigger', 'flow', 'loyalty', 'messaging', 'data'] as const;
export type NodeKind = (typeof nodeKinds)[number];

/**
 * How the editor renders one config field; `template` is a picker over the workspace's
 * templates. Its label and help text live in the UI's message catalogs
 * (`nodes.<type>.fields.<name>`), not here: this module is bundled into workflows.
 */
export interface FieldSpec {
  name: string;
  /**
   * `template`, `reward`, `tier` and `segment` are pickers over what exists in the workspace;
   * `eventName` is text with the workspace's known event names as suggestions, `filters`
   * a list of property filters (`workflows/journey/property-filter.ts`).
   */
  input:
    | 'number'
    | 'text'
    | 'formula'
    | 'checkbox'
    | 'select'
    | 'template'
    | 'reward'
    | 'tier'
    | 'segment'
    | 'hour'
    | 'eventName'
    | 'filters'
    | 'duration'
    | 'time'
    | 'weekdays'
    | 'branches'
    | 'shares'
    /** Multi-line monospace text (a webhook's JSON body template). */
    | 'code';
  /** Number inputs whose empty value means "none" (e.g. never expire). */
  nullable?: boolean;
  /** `select`: the values; labels are `nodes.<type>.fields.<name>.options.<value>`. */
  options?: readonly string[];
  /** Shown only while another field has one of these values (points vs formula, balance vs tier). */
  showWhen?: { field: string; equals: readonly string[] };
}

export type ReferenceKind = 'template' | 'reward' | 'tier' | 'segment';

/** Something a config points at that must exist in the workspace when publishing. */
export interface ConfigReference {
  kind: ReferenceKind;
  id: string;
  field: string;
}

/**
 * The values of a node's one-line canvas summary. The UI formats them with the ICU
 * message `nodes.<type>.summary` in the viewer's language ("100 Punkte vergeben · …").
 */
export type SummaryValues = Readonly<Record<string, string | number>>;

/**
 * What a step without an activity may read when the interpreter plans it: pure data,
 * the same in the Temporal runner and the simulator.
 */
export interface PlanContext {
  /** The run's clock (Temporal's deterministic time or the simulator's virtual time), ISO. */
  now: string;
  /** The workflow id: stable for the run, so hashes over it (random split) agree on replay. */
  runKey: string;
  stepId: string;
  /** Null for runs started before the run context was loaded (no time zone: UTC). */
  profile: RunProfile | null;
  triggerEvent: TriggerEvent | null;
}

/** How a flow step proceeds without a side effect: sleep, wait for an event, branch, skip or end. */
export type StepPlan =
  | { kind: 'sleep'; until: string }
  | { kind: 'wait'; eventName: string; filters: PropertyFilter[]; timeoutAt: string }
  | { kind: 'branch'; output: string }
  /** The step cannot do its job (a missing date attribute): go on by `output`, the reason recorded. */
  | { kind: 'skip'; output: string; reason: string }
  | { kind: 'exit' };

/** What `outputAfter` may read besides the activity's result (conditions on the trigger event). */
export interface OutputContext {
  triggerEvent: TriggerEvent | null;
}

interface NodeSpec<Config> {
  type: string;
  kind: NodeKind;
  /**
   * English name for places without a message catalog (logs, the runs list's server-side
   * step name). The UI shows `nodes.<type>.label` from its catalogs instead.
   */
  label: string;
  configSchema: z.ZodType<Config>;
  defaultConfig: Config;
  fields: FieldSpec[];
  /** Output handle ids; one outgoing edge each at most. Named in the UI by `nodes.<type>.outputs.<id>`. */
  outputs: (config: Config) => string[];
  /** Values for the one line shown on the canvas node. */
  summaryValues: (config: Config) => SummaryValues;
  /** Steps that choose an output by chance: the percentage of runs each output takes, shown on its handle. */
  outputShares?: (config: Config) => Readonly<Record<string, number>>;
  references?: (config: Config) => ConfigReference[];
  /** Action nodes: the side effect the interpreter asks the runner to perform. */
  action?: (config: Config) => ActivityCall;
  /** Which output the run follows once the action returned; defaults to the only output. */
  outputAfter?: (config: Config, result: unknown, context: OutputContext) => string;
  /** A reason recorded in the run's `skips` after the action returned (a rule that could not be evaluated). */
  skipReasonAfter?: (config: Config, result: unknown) => string | null;
  /** Flow nodes without an activity: how the step proceeds. A node has `action` or `plan`, not both. */
  plan?: (config: Config, context: PlanContext) => StepPlan;
  /** Steps that pause the run (delays, waits): a loop through one cannot spin. */
  waits?: boolean;
}

/**
 * A node type with its config type erased, so the catalog can hold them in one list.
 * Every method re-validates the config it is given, so the erasure is safe.
 */
export interface NodeDefinition {
  type: string;
  kind: NodeKind;
  label: string;
  defaultConfig: Record<string, unknown>;
  fields: FieldSpec[];
  parseConfig: (config: unknown) => { ok: true; config: unknown } | { ok: false; issues: ConfigIssue[] };
  outputs: (config: unknown) => string[];
  /** Null while the config is invalid: the canvas then says the step is not configured. */
  summaryValues: (config: unknown) => SummaryValues | null;
  /** Empty for steps that do not choose by chance, or while the config is invalid. */
  outputShares: (config: unknown) => Readonly<Record<string, number>>;
  references: (config: unknown) => ConfigReference[];
  action: ((config: unknown) => ActivityCall) | undefined;
  outputAfter: (config: unknown, result: unknown, context?: OutputContext) => string;
  skipReasonAfter: (config: unknown, result: unknown) => string | null;
  plan: ((config: unknown, context: PlanContext) => StepPlan) | undefined;
  waits: boolean;
}

/**
 * One field's problem: `kind` and `limit` for the UI to word in its language, `message`
 * the schema's English text for API callers and logs.
 */
export interface ConfigIssue {
  field: string;
  kind: InputIssueKind;
  limit?: number;
  message: string;
}

export function defineNode<Config extends Record<string, unknown>>(spec: NodeSpec<Config>): NodeDefinition {
  const parse = (config: unknown): Config => spec.configSchema.parse(config);
  const safe =
    <T>(fn: (c: Config) => T, fallback: T) =>
    (config: unknown): T => {
      const result = spec.configSchema.safeParse(config);
      return result.success ? fn(result.data) : fallback;
    };
  const action = spec.action;
  const plan = spec.plan;
  return {
    type: spec.type,
    kind: spec.kind,
    label: spec.label,
    defaultConfig: spec.defaultConfig,
    fields: spec.fields,
    parseConfig: (config) => {
      const result = spec.configSchema.safeParse(config);
      if (result.success) return { ok: true, config: result.data };
      const described = describeInputIssues(result.error.issues, config);
      return {
        ok: false,
        issues: result.error.issues.map((issue, index) => {
          const { path, kind, limit } = described[index]!;
          return {
            field: path || '(config)',
            kind,
            ...(limit === undefined ? {} : { limit }),
            message: issue.message,
          };
        }),
      };
    },
    outputs: safe(spec.outputs, spec.outputs(spec.defaultConfig)),
    summaryValues: safe<SummaryValues | null>(spec.summaryValues, null),
    outputShares: safe(spec.outputShares ?? (() => ({})), {}),
    references: safe(spec.references ?? (() => []), []),
    action: action ? (config) => action(parse(config)) : undefined,
    outputAfter: (config, result, context = { triggerEvent: null }) => {
      const parsed = parse(config);
      return spec.outputAfter
        ? spec.outputAfter(parsed, result, context)
        : (spec.outputs(parsed)[0] ?? 'next');
    },
    skipReasonAfter: (config, result) =>
      spec.skipReasonAfter ? spec.skipReasonAfter(parse(config), result) : null,
    plan: plan ? (config, context) => plan(parse(config), context) : undefined,
    waits: spec.waits ?? false,
  };
}
