'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { NodeDefinition } from '../../../workflows/journey/nodes';
import { Dialog } from '../../_components/dialog';
import { useNodeText } from '../../_i18n/use-node-text';
import { useStepSearch } from './step-search';
import { NodeIcon } from '../node-icon';

// A trigger starts a journey; it cannot sit between two steps.
const notTrigger = (node: NodeDefinition) => node.kind !== 'trigger';

/** "+" on a connection: pick the step to put there; the connection is rewired through it. */
export function InsertStepDialog({
  onPick,
  onClose,
}: {
  onPick: (type: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations('insertStep');
  const nodeText = useNodeText();
  const [query, setQuery] = useState('');
  const groups = useStepSearch(query, notTrigger);
  const first = groups[0]?.items[0];
  return (
    <Dialog title={t('title')} testId="insert-step-dialog" onClose={onClose}>
      <div className="stack">
        <input
          type="search"
          className="input"
          placeholder={t('search')}
          aria-label={t('search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          // Enter takes the first match, so "wait⏎" is enough.
          onKeyDown={(event) => {
            if (event.key === 'Enter' && first) onPick(first.type);
          }}
          data-testid="insert-step-search"
        />
        <div className="insert-step__groups">
          {groups.map(({ kind, items }) => (
            <section key={kind} className="insert-step__group">
              <h3 className="palette__group">{nodeText.paletteGroup(kind)}</h3>
              {items.map((node) => (
                <button
                  key={node.type}
                  type="button"
                  className="palette__item"
                  onClick={() => onPick(node.type)}
                  title={nodeText.description(node.type)}
                  data-testid={`insert-${node.type}`}
                >
                  <span className="palette__icon" aria-hidden>
                    <NodeIcon type={node.type} />
                  </span>
                  {nodeText.label(node)}
                </button>
              ))}
            </section>
          ))}
          {groups.length === 0 && <p className="muted">{t('noMatch')}</p>}
        </div>
        <div className="workspace-form__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
