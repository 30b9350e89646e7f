import { checkTemplateSteps } from '../../../../server/journeys/check-template-steps';
import { compileJourney, type CompileError } from '../../../../workflows/journey/compiler';
import type { JourneyGraph } from '../../../../workflows/journey/graph';

/** What the editor knows of the workspace: the same choices its pickers offer. */
export interface WorkspaceChoices {
  template: readonly { id: string; name: string; published: boolean }[];
  reward: readonly { id: string }[];
  tier: readonly { id: string }[];
  segment: readonly { id: string }[];
}

/**
 * Every reason the graph could not be published now, computed in the browser as the
 * marketer edits: the same compiler and template check the server runs on publish,
 * over the same workspace choices, so Publish can be disabled instead of refused.
 * (Only a webhook body's Liquid is checked on the server alone: the Liquid engine
 * stays out of the editor's bundle.)
 */
export function liveProblems(
  graph: JourneyGraph,
  context: { journeyId: string; settings: unknown; choices: WorkspaceChoices },
): CompileError[] {
  const { choices } = context;
  const compiled = compileJourney(graph, {
    journeyId: context.journeyId,
    // Identity fields only stamp the program; they cannot make a graph invalid.
    workspaceId: 'editor',
    version: 0,
    templateIds: new Set(choices.template.map((option) => option.id)),
    rewardIds: new Set(choices.reward.map((option) => option.id)),
    tierIds: new Set(choices.tier.map((option) => option.id)),
    segmentIds: new Set(choices.segment.map((option) => option.id)),
    settings: context.settings,
  });
  const unpublished = new Map(
    choices.template.filter((option) => !option.published).map((option) => [option.id, option.name]),
  );
  return [...(compiled.ok ? [] : compiled.errors), ...checkTemplateSteps(graph, unpublished)];
}
