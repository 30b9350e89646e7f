'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { nodeCatalog } from '../../workflows/journey/nodes';
import { useNodeText } from '../_i18n/use-node-text';

/** What the interpreter records once a run has no current step (workflows/journey-run.ts). */
const runStates = ['running', 'completed', 'failed'] as const;

/**
 * A run's current step in the UI language. The runs list (server/runs/list-runs.ts) names
 * the step with the node catalog's English fallback label and keeps the raw value in
 * `id`; the label is matched back to its node type to show the translated name. Once the
 * server also returns the step's type, look that up instead.
 */
export function useStepLabel(): (step: { id: string; label: string }) => string {
  const t = useTranslations('runs');
  const nodeText = useNodeText();
  return useCallback(
    (step) => {
      const definition = nodeCatalog.find((node) => node.label === step.label);
      if (definition) return nodeText.label(definition);
      const state = runStates.find((candidate) => candidate === step.id);
      return state ? t(`stepStatus.${state}`) : step.label;
    },
    [t, nodeText],
  );
}
