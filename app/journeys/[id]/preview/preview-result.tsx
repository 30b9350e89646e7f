'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import type { PreviewEnd, PreviewStep } from '../../../../server/journeys/preview-steps';
import { findNodeType } from '../../../../workflows/journey/nodes';
import { useFormats } from '../../../_i18n/use-formats';
import { useNodeText } from '../../../_i18n/use-node-text';
import { PreviewEffectView } from './preview-effect';
import { useZonedTime } from './use-zoned-time';

/** The simulated run step by step: Back / Next, the list with the current step open, and how it ends. */
export function PreviewResult({
  steps,
  end,
  timeZone,
  startBalance,
  current,
  onSelect,
}: {
  steps: PreviewStep[];
  end: PreviewEnd;
  timeZone: string;
  startBalance: number;
  current: number;
  onSelect: (index: number) => void;
}) {
  const t = useTranslations('preview.result');
  const nodeText = useNodeText();
  const format = useFormats();
  const time = useZonedTime(timeZone);
  const label = (type: string) => {
    const definition = findNodeType(type);
    return definition ? nodeText.label(definition) : type;
  };
  const atEnd = current >= steps.length - 1;
  const list = useRef<HTMLOListElement>(null);
  // Back / Next keep the step they show in view, inside the panel's own scrolling.
  useEffect(() => {
    list.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <div className="preview-result" data-testid="preview-result">
      <p className="muted">{t('context', { zone: timeZone, balance: format.points(startBalance) })}</p>
      <div className="preview-result__nav">
        <button
          type="button"
          className="button button--small"
          onClick={() => onSelect(current - 1)}
          disabled={current <= 0}
          data-testid="preview-back"
        >
          {t('back')}
        </button>
        <span data-testid="preview-position">
          {t('position', { current: current + 1, total: steps.length })}
        </span>
        <button
          type="button"
          className="button button--small"
          onClick={() => onSelect(current + 1)}
          disabled={atEnd}
          data-testid="preview-next"
        >
          {t('next')}
        </button>
      </div>
      <ol className="preview-steps" ref={list}>
        {steps.map((step, index) => (
          <li
            key={index}
            className={`preview-steps__step${index === current ? ' preview-steps__step--current' : ''}${index > current ? ' preview-steps__step--ahead' : ''}`}
            aria-current={index === current ? 'step' : undefined}
            data-testid="preview-step"
            data-step-id={step.stepId}
          >
            <button type="button" className="preview-steps__head" onClick={() => onSelect(index)}>
              <span className="preview-steps__time" data-testid="preview-step-time">
                {time(step.at)}
              </span>
              <strong>{label(step.nodeType)}</strong>
              {step.output !== null &&
                step.nodeType !== 'exit' &&
                findNodeType(step.nodeType)?.kind !== 'trigger' && (
                  <span className="badge">
                    {t('output', { output: nodeText.output(step.nodeType, step.output) })}
                  </span>
                )}
            </button>
            {step.effects.length === 0 ? (
              index === current && <p className="muted">{t('nothingToDo')}</p>
            ) : (
              <ul className="preview-steps__effects">
                {step.effects.map((effect, i) => (
                  <li key={i}>
                    <PreviewEffectView effect={effect} time={time} showEmail={index === current} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {atEnd && (
        <div className="alert" role="status" data-testid="preview-end">
          {end.kind === 'completed'
            ? t('endCompleted', { at: time(end.at) })
            : end.kind === 'exit'
              ? end.reason === 'goal'
                ? t('endGoal', { at: time(end.at) })
                : t('endExit', { at: time(end.at) })
              : end.kind === 'waiting'
                ? t('endWaiting', {
                    step: end.stepId ? label(steps.find((s) => s.stepId === end.stepId)?.nodeType ?? '') : '',
                    at: time(end.at),
                  })
                : t('endFailed', { error: end.error })}
        </div>
      )}
    </div>
  );
}
