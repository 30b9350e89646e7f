'use client';

import { useTranslations } from 'next-intl';
import { useState, type DragEvent } from 'react';
import { useNodeText } from '../../_i18n/use-node-text';
import { useStepSearch } from './step-search';
import { NodeIcon } from '../node-icon';

/** The drag payload's type: only our palette's drops are accepted by the canvas. */
export const paletteDragType = 'application/x-journey-node';

function startDrag(event: DragEvent<HTMLButtonElement>, type: string) {
  event.dataTransfer.setData(paletteDragType, type);
  event.dataTransfer.effectAllowed = 'move';
}

/**
 * Every step type by group, with a search. Drag one onto the canvas, or activate it
 * (click, Enter) to add it in the middle of the view: the keyboard-only way in.
 */
export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const t = useTranslations('palette');
  const nodeText = useNodeText();
  const [query, setQuery] = useState('');
  const groups = useStepSearch(query);
  return (
    <aside className="card palette" aria-label={t('label')} data-testid="palette">
      <input
        type="search"
        className="input palette__search"
        placeholder={t('search')}
        aria-label={t('search')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="palette-search"
      />
      {groups.map(({ kind, items }) => (
        <section key={kind} style={{ display: 'contents' }}>
          <h2 className="palette__group">{nodeText.paletteGroup(kind)}</h2>
          {items.map((node) => (
            <button
              key={node.type}
              type="button"
              className="palette__item"
              draggable
              onDragStart={(event) => startDrag(event, node.type)}
              onClick={() => onAdd(node.type)}
              title={nodeText.description(node.type)}
              data-testid={`palette-${node.type}`}
            >
              <span className="palette__icon" aria-hidden>
                <NodeIcon type={node.type} />
              </span>
              {nodeText.label(node)}
            </button>
          ))}
        </section>
      ))}
      {groups.length === 0 && (
        <p className="palette__hint" data-testid="palette-empty">
          {t('noMatch')}
        </p>
      )}
      <p className="palette__hint">{t('hint')}</p>
    </aside>
  );
}
