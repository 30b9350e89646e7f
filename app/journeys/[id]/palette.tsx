'use client';

import type { DragEvent } from 'react';
import { nodeCatalog, type NodeKind } from '../../../workflows/journey/nodes';

/** The drag payload's type: only our palette's drops are accepted by the canvas. */
export const paletteDragType = 'application/x-journey-node';

const groups: Array<{ kind: NodeKind; label: string }> = [
  { kind: 'trigger', label: 'Triggers' },
  { kind: 'flow', label: 'Flow' },
  { kind: 'loyalty', label: 'Loyalty' },
  { kind: 'messaging', label: 'Messaging' },
  { kind: 'data', label: 'Data' },
];

function startDrag(event: DragEvent<HTMLDivElement>, type: string) {
  event.dataTransfer.setData(paletteDragType, type);
  event.dataTransfer.effectAllowed = 'move';
}

export function Palette() {
  return (
    <aside className="card palette" aria-label="Steps" data-testid="palette">
      {groups.map((group) => {
        const items = nodeCatalog.filter((node) => node.kind === group.kind);
        if (items.length === 0) return null;
        return (
          <section key={group.kind} style={{ display: 'contents' }}>
            <h2 className="palette__group">{group.label}</h2>
            {items.map((node) => (
              <div
                key={node.type}
                className="palette__item"
                draggable
                onDragStart={(event) => startDrag(event, node.type)}
                title={node.description}
                data-testid={`palette-${node.type}`}
              >
                <span className="palette__icon" aria-hidden>
                  {node.icon}
                </span>
                {node.label}
              </div>
            ))}
          </section>
        );
      })}
      <p className="palette__hint">Drag a step onto the canvas, then connect the dots from top to bottom.</p>
    </aside>
  );
}
