'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { findNodeType } from '../../workflows/journey/nodes';
import { useNodeText } from '../_i18n/use-node-text';

/** What a run's JourneyStep holds when it is not at a step (start-journey-run.ts, journey-run.ts). */
const runStates = ['starting', 'running', 'completed', 'failed'] as const;

/** A run's current step in the UI language: its node type's name, or the run's state. */
export function useStepLabel(): (step: { id: string; nodeType: string | null }) => string {
  const t = useTranslations('runs');
  const nodeText = useNodeText();
  return useCallback(
    (step) => {
      const definition = step.nodeType ? findNodeType(step.nodeType) : undefined;
      if (definition) return nodeText.label(definition);
      const state = runStates.find((candidate) => candidate === step.id);
      return state ? t(`stepStatus.${state}`) : step.id;
    },
    [t, nodeText],
  );
}
