'use client';

import { useTranslations } from 'next-intl';
import type { DragEvent } from 'react';
import { nodeCatalog, nodeKinds } from '../../../workflows/journey/nodes';
import { useNodeText } from '../../_i18n/use-node-text';

/** The drag payload's type: only our palette's drops are accepted by the canvas. */
export const paletteDragType = 'application/x-journey-node';

function startDrag(event: DragEvent<HTMLDivElement>, type: string) {
  event.dataTransfer.setData(paletteDragType, type);
  event.dataTransfer.effectAllowed = 'move';
}

export function Palette() {
  const t = useTranslations('palette');
  const nodeText = useNodeText();
  return (
    <aside className="card palette" aria-label={t('label')} data-testid="palette">
      {nodeKinds.map((kind) => {
        const items = nodeCatalog.filter((node) => node.kind === kind);
        if (items.length === 0) return null;
        return (
          <section key={kind} style={{ display: 'contents' }}>
            <h2 className="palette__group">{nodeText.paletteGroup(kind)}</h2>
            {items.map((node) => (
              <div
                key={node.type}
                className="palette__item"
                draggable
                onDragStart={(event) => startDrag(event, node.type)}
                title={nodeText.description(node.type)}
                data-testid={`palette-${node.type}`}
              >
                <span className="palette__icon" aria-hidden>
                  {node.icon}
                </span>
                {nodeText.label(node)}
              </div>
            ))}
          </section>
        );
      })}
      <p className="palette__hint">{t('hint')}</p>
    </aside>
  );
}
