'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { findNodeType } from '../../../workflows/journey/nodes';
import { useNodeText } from '../../_i18n/use-node-text';
import { useCanvasInfo } from './canvas-context';
import type { JourneyFlowNode } from './flow-graph';
import { NodeIcon } from '../node-icon';

/** The one canvas node for every catalog type: icon, label, summary, handles per output. */
function JourneyNodeView({ id, type, data, selected }: NodeProps<JourneyFlowNode>) {
  const t = useTranslations('canvasNode');
  const nodeText = useNodeText();
  const { problemsByNode, referenceNames, countsByNode, highlight } = useCanvasInfo();
  const definition = findNodeType(type);
  const problems = problemsByNode.get(id) ?? [];
  const figures = countsByNode?.get(id);
  if (!definition) {
    return (
      <div className="journey-node journey-node--invalid">
        <Handle type="target" position={Position.Top} className="journey-handle" />
        <div className="journey-node__head">{t('unknownType', { type })}</div>
      </div>
    );
  }
  const outputs = definition.outputs(data);
  const shares = definition.outputShares(data);
  // The template, reward or tier the step points at, by name (the first such field that is set).
  const referenceName = definition
    .references(data)
    .map((reference) => referenceNames.get(reference.id))
    .find((name) => name !== undefined);
  const summary = nodeText.summary(definition, data);
  const classes = [
    'journey-node',
    `journey-node--${definition.kind}`,
    selected ? 'journey-node--selected' : '',
    problems.length ? 'journey-node--invalid' : '',
    highlight?.stepIds.includes(id) ? 'journey-node--on-path' : '',
    highlight?.currentStepId === id ? 'journey-node--current' : '',
  ];

  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={`journey-node-${type}`}
      data-invalid={problems.length > 0}
    >
      {definition.kind !== 'trigger' && (
        <Handle type="target" position={Position.Top} className="journey-handle" />
      )}
      <div className="journey-node__head">
        <NodeIcon type={definition.type} />
        <span className="journey-node__label" data-testid="node-label" title={nodeText.label(definition)}>
          {nodeText.label(definition)}
        </span>
        <span className="journey-node__kind">{nodeText.kind(definition.kind)}</span>
      </div>
      <div className="journey-node__summary" data-testid="node-summary">
        {referenceName ? t('withReference', { summary, name: referenceName }) : summary}
      </div>
      {figures && (
        <div className="journey-node__figures" data-testid="node-figures">
          {definition.kind !== 'trigger' && (
            <span data-testid="node-here" title={t('hereHint')}>
              {figures.here === null ? t('hereUnknown') : t('here', { count: figures.here })}
            </span>
          )}
          <span
            data-testid="node-passed"
            title={definition.kind === 'trigger' ? t('enteredHint') : t('passedHint')}
          >
            {figures.passed === null
              ? t('passedUnknown')
              : definition.kind === 'trigger'
                ? t('entered', { count: figures.passed })
                : t('passed', { count: figures.passed })}
          </span>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="journey-node__errors" data-testid="node-errors">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
      {outputs.map((output, index) => {
        const left = `${((index + 1) / (outputs.length + 1)) * 100}%`;
        return (
          <Handle
            key={output}
            type="source"
            id={output}
            position={Position.Bottom}
            className="journey-handle"
            style={{ left }}
          >
            {outputs.length > 1 && (
              <span className="journey-node__output-label" data-testid={`output-label-${output}`}>
                {/* One short line each, so the labels of three or four outputs do not run into each other. */}
                {nodeText.output(type, output)}
                {shares[output] !== undefined && (
                  <span className="journey-node__output-line">
                    {t('outputShare', { share: shares[output] })}
                  </span>
                )}
                {figures?.taken && (
                  // What runs did, under what the marketer set: a split's real shares, a
                  // condition's yes and no.
                  <span
                    className="journey-node__output-taken"
                    data-testid={`output-taken-${output}`}
                    title={t('outputTakenHint')}
                  >
                    {t('outputTaken', {
                      count: figures.taken[output] ?? 0,
                      share: figures.passed ? (figures.taken[output] ?? 0) / figures.passed : 0,
                    })}
                  </span>
                )}
              </span>
            )}
          </Handle>
        );
      })}
    </div>
  );
}

export const JourneyNode = memo(JourneyNodeView);
