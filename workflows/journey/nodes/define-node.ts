import type { z } from 'zod';
import type { ActivityCall } from '../activities-contract';

export type NodeKind = 'trigger' | 'flow' | 'loyalty' | 'messaging' | 'data';

/** How the editor renders one config field; `template` is a picker over the workspace's templates. */
export interface FieldSpec {
  name: string;
  label: string;
  input: 'number' | 'text' | 'template' | 'hour';
  help?: string;
  /** Number inputs whose empty value means "none" (e.g. never expire). */
  nullable?: boolean;
}

/** Something a config points at that must exist in the workspace when publishing. */
export interface ConfigReference {
  kind: 'template';
  id: string;
  field: string;
}

interface NodeSpec<Config> {
  type: string;
  kind: NodeKind;
  label: string;
  icon: string;
  description: string;
  configSchema: z.ZodType<Config>;
  defaultConfig: Config;
  fields: FieldSpec[];
  /** Output handle ids; one outgoing edge each at most. */
  outputs: (config: Config) => string[];
  /** One line shown on the canvas node. */
  summary: (config: Config) => string;
  references?: (config: Config) => ConfigReference[];
  /** Action nodes: the side effect the interpreter asks the runner to perform. */
  action?: (config: Config) => ActivityCall;
  /** Which output the run follows once the action returned; defaults to the only output. */
  outputAfter?: (config: Config, result: unknown) => string;
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
  icon: string;
  description: string;
  defaultConfig: Record<string, unknown>;
  fields: FieldSpec[];
  parseConfig: (config: unknown) => { ok: true; config: unknown } | { ok: false; issues: ConfigIssue[] };
  outputs: (config: unknown) => string[];
  summary: (config: unknown) => string;
  references: (config: unknown) => ConfigReference[];
  action: ((config: unknown) => ActivityCall) | undefined;
  outputAfter: (config: unknown, result: unknown) => string;
  waits: boolean;
}

export interface ConfigIssue {
  field: string;
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
  return {
    type: spec.type,
    kind: spec.kind,
    label: spec.label,
    icon: spec.icon,
    description: spec.description,
    defaultConfig: spec.defaultConfig,
    fields: spec.fields,
    parseConfig: (config) => {
      const result = spec.configSchema.safeParse(config);
      if (result.success) return { ok: true, config: result.data };
      return {
        ok: false,
        issues: result.error.issues.map((issue) => ({
          field: issue.path.map(String).join('.') || '(config)',
          message: issue.message,
        })),
      };
    },
    outputs: safe(spec.outputs, spec.outputs(spec.defaultConfig)),
    summary: safe(spec.summary, 'Not configured'),
    references: safe(spec.references ?? (() => []), []),
    action: action ? (config) => action(parse(config)) : undefined,
    outputAfter: (config, result) => {
      const parsed = parse(config);
      return spec.outputAfter ? spec.outputAfter(parsed, result) : (spec.outputs(parsed)[0] ?? 'next');
    },
    waits: spec.waits ?? false,
  };
}
