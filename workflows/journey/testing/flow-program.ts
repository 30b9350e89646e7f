import type { JourneyProgram } from '../program';
import { journeySettingsSchema } from '../settings';

type StepSpec = { type: string; config?: Record<string, unknown>; next?: Record<string, string | null> };

/**
 * A program written by hand for interpreter tests: steps by id, the first is the entry.
 * Outputs left out of `next` end the run. Not checked by the compiler (tests of the
 * compiler build graphs).
 */
export function flowProgram(
  steps: Record<string, StepSpec>,
  settings: Record<string, unknown> = {},
): JourneyProgram {
  const ids = Object.keys(steps);
  return {
    journeyId: 'jrn_test',
    workspaceId: 'ws_test',
    version: 1,
    trigger: { nodeId: 'trigger', type: 'trigger_manual', config: {} },
    settings: journeySettingsSchema.parse(settings),
    entry: ids[0] ?? null,
    steps: Object.fromEntries(
      ids.map((id) => [
        id,
        { id, type: steps[id]!.type, config: steps[id]!.config ?? {}, next: steps[id]!.next ?? {} },
      ]),
    ),
  };
}
