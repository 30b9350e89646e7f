'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { findNodeType } from '../../../workflows/journey/nodes';
import { useCanvasInfo } from './canvas-context';
import type { JourneyFlowNode } from './flow-graph';
import { withoutStepLabel } from './problem-text';

const kindLabels: Record<string, string> = {
  trigger: 'Trigger',
  flow: 'Flow',
  loyalty: 'Loyalty',
  messaging: 'Message',
  data: 'Data',
};

/** The one canvas node for every catalog type: icon, label, summary, handles per output. */
function JourneyNodeView({ id, type, data, selected }: NodeProps<JourneyFlowNode>) {
  const { problemsByNode, templateNames } = useCanvasInfo();
  const definition = findNodeType(type);
  const problems = problemsByNode.get(id) ?? [];
  if (!definition) {
    return (
      <div className="journey-node journey-node--invalid">
        <Handle type="target" position={Position.Top} className="journey-handle" />
        <div className="journey-node__head">Unknown step “{type}”</div>
      </div>
    );
  }
  const outputs = definition.outputs(data);
  const templateField = definition.fields.find((field) => field.input === 'template');
  const templateId = templateField ? data[templateField.name] : undefined;
  const templateName = typeof templateId === 'string' ? templateNames.get(templateId) : undefined;
  const classes = [
    'journey-node',
    `journey-node--${definition.kind}`,
    selected ? 'journey-node--selected' : '',
    problems.length ? 'journey-node--invalid' : '',
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
        <span aria-hidden>{definition.icon}</span>
        <span>{definition.label}</span>
        <span className="journey-node__kind">{kindLabels[definition.kind] ?? definition.kind}</span>
      </div>
      <div className="journey-node__summary" data-testid="node-summary">
        {templateName ? `${definition.summary(data)} · “${templateName}”` : definition.summary(data)}
      </div>
      {problems.length > 0 && (
        <ul className="journey-node__errors" data-testid="node-errors">
          {problems.map((problem, index) => (
            <li key={index}>{withoutStepLabel(problem, definition.label)}</li>
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
            {outputs.length > 1 && <span className="journey-node__output-label">{output}</span>}
          </Handle>
        );
      })}
    </div>
  );
}

export const JourneyNode = memo(JourneyNodeView);
