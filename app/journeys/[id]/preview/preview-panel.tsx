'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type JSX } from 'react';
import type { PreviewAnswer } from '../../../../server/journeys/preview-journey';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { FormField, invalidClass } from '../../../_components/form-field';
import { QueryError } from '../../../_components/query-state';
import { useCompileMessage } from '../../../_i18n/use-compile-message';
import { useInputErrors } from '../../../_i18n/use-input-errors';
import { useTRPC } from '../../../_trpc/react';
import { eventInstant } from './event-time';
import { eventTriggerOf } from '../../../../workflows/journey/event-trigger';
import { KeyValueRows, rowsToRecord, type KeyValueRow } from './key-value-rows';
import { pathHighlight, type PathHighlight } from './path-highlight';
import { PreviewResult } from './preview-result';
import { PreviewTimeline, type TimelineEvent } from './preview-timeline';
import { PreviewWho, type Who } from './preview-who';
import './preview.css';

/**
 * The journey's preview: who goes through it, what happens meanwhile, then the simulated run
 * step by step with the path marked on the canvas. The canvas' current graph is previewed,
 * saved or not; nothing is written or sent (the server only simulates and renders).
 */
export function PreviewPanel(props: {
  journeyId: string;
  graph: JourneyGraph;
  onClose: () => void;
  /** The path to highlight on the canvas: step ids and the edge ids between them in order, the current step; null clears it. */
  onHighlight: (highlight: PathHighlight | null) => void;
}): JSX.Element {
  const { journeyId, graph, onClose, onHighlight } = props;
  const t = useTranslations('preview');
  const trpc = useTRPC();
  const compileMessage = useCompileMessage();
  const options = useQuery(trpc.journeys.pickerOptions.queryOptions());
  const [who, setWho] = useState<Who>({ mode: 'customer', customer: null });
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  // Empty: the run starts now. A `datetime-local` value in the viewer's zone, as the input shows it.
  const [startLocal, setStartLocal] = useState('');
  // An event-triggered journey's formulas, filters and templates read the triggering event.
  const [triggerRows, setTriggerRows] = useState<KeyValueRow[]>([]);
  const trigger = graph.nodes.find((node) => eventTriggerOf({ type: node.type, config: node.data }) !== null);
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);
  const [current, setCurrent] = useState(0);
  const preview = useMutation(
    trpc.journeys.preview.mutationOptions({
      onSuccess: (data) => {
        setAnswer(data);
        setCurrent(0);
      },
    }),
  );
  const errors = useInputErrors(preview.error);

  const shown = answer?.ok ? answer : null;
  useEffect(() => {
    onHighlight(shown ? pathHighlight(shown.steps, graph.edges, current) : null);
  }, [shown, current, graph.edges, onHighlight]);
  // Leaving the preview clears the canvas.
  useEffect(() => () => onHighlight(null), [onHighlight]);

  const ready = who.mode === 'sample' || who.customer !== null;
  const run = () => {
    const chosen = startLocal ? new Date(startLocal) : null;
    const start = chosen && !Number.isNaN(chosen.getTime()) ? chosen : new Date();
    const timeline = events.flatMap((event) => {
      const at = eventInstant(event.time, start);
      return at && event.name.trim()
        ? [{ at, name: event.name.trim(), properties: rowsToRecord(event.properties) }]
        : [];
    });
    const whoInput =
      who.mode === 'customer'
        ? { customerId: who.customer?.id ?? '' }
        : {
            sample: {
              timeZone: who.sample.timeZone.trim(),
              locale: who.sample.locale,
              firstName: who.sample.firstName,
              email: who.sample.email.trim(),
              attributes: rowsToRecord(who.sample.attributes),
              balance: Number(who.sample.balance) || 0,
              tierId: who.sample.tierId || null,
              marketingConsent: who.sample.marketingConsent,
              segmentIds: who.sample.segmentIds,
            },
          };
    preview.mutate({
      id: journeyId,
      graph,
      who: whoInput,
      start: start.toISOString(),
      events: timeline,
      ...(trigger ? { triggerProperties: rowsToRecord(triggerRows) } : {}),
    });
  };

  return (
    <aside className="preview-panel card" aria-labelledby="preview-panel-title" data-testid="preview-panel">
      <div className="card__header preview-panel__header">
        <h2 id="preview-panel-title">{t('title')}</h2>
        <button type="button" className="button button--small" onClick={onClose} data-testid="preview-close">
          {t('close')}
        </button>
      </div>
      <div className="card__body preview-panel__body">
        <p className="alert" data-testid="preview-nothing-written">
          {t('nothingWritten')}
        </p>
        <PreviewWho
          who={who}
          onChange={setWho}
          tiers={options.data?.tier ?? []}
          segments={options.data?.segment ?? []}
          fieldError={errors.field}
        />
        {trigger && (
          <fieldset className="preview-panel__trigger" data-testid="preview-trigger-properties">
            <legend>{t('triggerProperties')}</legend>
            <p className="field__help">{t('triggerPropertiesHelp')}</p>
            <KeyValueRows rows={triggerRows} onChange={setTriggerRows} idPrefix="preview-trigger" />
          </fieldset>
        )}
        <FormField
          id="preview-start"
          label={t('startAt')}
          help={t('startAtHelp')}
          error={errors.field('start')}
        >
          <input
            id="preview-start"
            type="datetime-local"
            className={invalidClass(errors.field('start'), 'input')}
            value={startLocal}
            onChange={(event) => setStartLocal(event.target.value)}
            data-testid="preview-start"
          />
        </FormField>
        <PreviewTimeline events={events} onChange={setEvents} eventNames={options.data?.eventName ?? []} />
        <button
          type="button"
          className="button button--primary"
          onClick={run}
          disabled={!ready || preview.isPending}
          data-testid="preview-run"
        >
          {preview.isPending ? t('running') : t('run')}
        </button>
        {!ready && <p className="muted">{t('chooseFirst')}</p>}
        {preview.error && errors.other && <QueryError error={preview.error} />}
        {answer && !answer.ok && (
          <div className="alert alert--error" role="alert" data-testid="preview-compile-errors">
            <strong>{t('fixFirst')}</strong>
            <ul>
              {answer.errors.map((error, index) => (
                <li key={index}>{compileMessage(error)}</li>
              ))}
            </ul>
          </div>
        )}
        {shown && (
          <PreviewResult
            steps={shown.steps}
            end={shown.end}
            timeZone={shown.timeZone}
            startBalance={shown.startBalance}
            current={Math.min(current, shown.steps.length - 1)}
            onSelect={(index) => setCurrent(Math.max(0, Math.min(index, shown.steps.length - 1)))}
          />
        )}
      </div>
    </aside>
  );
}
