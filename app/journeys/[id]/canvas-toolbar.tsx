'use client';

import { useTranslations } from 'next-intl';

/** Undo, redo and auto-layout, floating over the canvas' top-left corner. */
export function CanvasToolbar(props: {
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onTidyUp: () => void;
  tidying: boolean;
  canTidy: boolean;
}) {
  const t = useTranslations('canvasToolbar');
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label={t('label')}>
      <button
        type="button"
        className="button button--small"
        onClick={props.onUndo}
        disabled={!props.canUndo}
        title={t('undoHint')}
        data-testid="undo"
      >
        {t('undo')}
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={props.onRedo}
        disabled={!props.canRedo}
        title={t('redoHint')}
        data-testid="redo"
      >
        {t('redo')}
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={props.onTidyUp}
        disabled={!props.canTidy || props.tidying}
        title={t('tidyHint')}
        data-testid="auto-layout"
      >
        {props.tidying ? t('tidying') : t('tidy')}
      </button>
    </div>
  );
}
