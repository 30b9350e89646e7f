'use client';

import { useTranslations } from 'next-intl';
import { findNodeType } from '../../../workflows/journey/nodes';
import type { GraphEdge } from '../../../workflows/journey/graph';
import { useNodeText } from '../../_i18n/use-node-text';

export interface StepChoice {
  id: string;
  /** "Award points · Award 100 pts": enough to tell two steps of one type apart. */
  name: string;
  isTrigger: boolean;
}

/**
 * Where each output of the selected step leads, as one choice per output: the way to
 * connect steps without dragging a line, with the keyboard or a screen reader.
 */
export function StepConnections({
  nodeId,
  nodeType,
  config,
  edges,
  steps,
  onConnect,
}: {
  nodeId: string;
  nodeType: string;
  config: Record<string, unknown>;
  edges: readonly GraphEdge[];
  steps: readonly StepChoice[];
  onConnect: (source: string, handle: string, target: string | null) => void;
}) {
  const t = useTranslations('connections');
  const nodeText = useNodeText();
  const definition = findNodeType(nodeType);
  const outputs = definition?.outputs(config) ?? [];
  if (!definition || outputs.length === 0) return null;
  const targets = steps.filter((step) => step.id !== nodeId && !step.isTrigger);
  return (
    <fieldset className="step-connections" data-testid="step-connections">
      <legend>{t('title')}</legend>
      {outputs.map((output) => {
        const edge = edges.find(
          (candidate) => candidate.source === nodeId && candidate.sourceHandle === output,
        );
        const id = `connect-${nodeId}-${output}`;
        return (
          <div key={output} className="field">
            <label htmlFor={id} className="field__label">
              {outputs.length === 1 ? t('next') : nodeText.output(nodeType, output)}
            </label>
            <select
              id={id}
              className="select"
              value={edge?.target ?? ''}
              onChange={(event) => onConnect(nodeId, output, event.target.value || null)}
              data-testid={`connect-${output}`}
            >
              <option value="">{t('nowhere')}</option>
              {targets.map((step) => (
                <option key={step.id} value={step.id}>
                  {step.name}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
