'use client';

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { useCanvasInfo } from './canvas-context';

/** A connection with a "+" at its middle that puts a new step there. */
function InsertableEdgeView(props: EdgeProps) {
  const t = useTranslations('insertStep');
  const { onInsertOnEdge } = useCanvasInfo();
  const [path, labelX, labelY] = getBezierPath(props);
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} style={props.style} />
      {onInsertOnEdge && (
        <EdgeLabelRenderer>
          <button
            type="button"
            // nodrag/nopan: a click on the button must not start panning the canvas.
            className="edge-insert nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => onInsertOnEdge(props.id)}
            aria-label={t('button')}
            title={t('button')}
            data-testid={`insert-on-${props.id}`}
          >
            +
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const InsertableEdge = memo(InsertableEdgeView);
