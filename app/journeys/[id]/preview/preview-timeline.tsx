'use client';

import { useTranslations } from 'next-intl';
import type { EventTime } from './event-time';
import { KeyValueRows, type KeyValueRow } from './key-value-rows';

export interface TimelineEvent {
  name: string;
  time: EventTime;
  properties: KeyValueRow[];
}

/** The events that happen while the preview runs, each after the start or at a date. */
export function PreviewTimeline({
  events,
  onChange,
  eventNames,
}: {
  events: TimelineEvent[];
  onChange: (events: TimelineEvent[]) => void;
  eventNames: ReadonlyArray<{ id: string; name: string }>;
}) {
  const t = useTranslations('preview.timeline');
  const update = (index: number, patch: Partial<TimelineEvent>) =>
    onChange(events.map((event, i) => (i === index ? { ...event, ...patch } : event)));
  return (
    <fieldset className="preview-panel__fieldset" data-testid="preview-timeline">
      <legend>{t('title')}</legend>
      {events.length === 0 && <p className="muted">{t('empty')}</p>}
      <datalist id="preview-event-names">
        {eventNames.map((option) => (
          <option key={option.id} value={option.name} />
        ))}
      </datalist>
      <ol className="preview-timeline">
        {events.map((event, index) => (
          <li key={index} className="preview-timeline__event" data-testid="preview-event">
            <div className="preview-timeline__line">
              <input
                className="input"
                list="preview-event-names"
                aria-label={t('name')}
                placeholder={t('name')}
                value={event.name}
                onChange={(e) => update(index, { name: e.target.value })}
                data-testid={`preview-event-name-${index}`}
              />
              <select
                className="select"
                aria-label={t('when')}
                value={event.time.mode}
                onChange={(e) =>
                  update(index, {
                    time:
                      e.target.value === 'at'
                        ? { mode: 'at', local: '' }
                        : { mode: 'after', amount: 1, unit: 'days' },
                  })
                }
              >
                <option value="after">{t('after')}</option>
                <option value="at">{t('at')}</option>
              </select>
              {event.time.mode === 'after' ? (
                <>
                  <input
                    className="input preview-timeline__amount"
                    type="number"
                    min={0}
                    aria-label={t('amount')}
                    value={Number.isFinite(event.time.amount) ? event.time.amount : ''}
                    onChange={(e) =>
                      event.time.mode === 'after' &&
                      update(index, { time: { ...event.time, amount: e.target.valueAsNumber } })
                    }
                    data-testid={`preview-event-amount-${index}`}
                  />
                  <select
                    className="select"
                    aria-label={t('unit')}
                    value={event.time.unit}
                    onChange={(e) =>
                      event.time.mode === 'after' &&
                      update(index, {
                        time: {
                          ...event.time,
                          unit:
                            e.target.value === 'minutes'
                              ? 'minutes'
                              : e.target.value === 'hours'
                                ? 'hours'
                                : 'days',
                        },
                      })
                    }
                    data-testid={`preview-event-unit-${index}`}
                  >
                    <option value="minutes">{t('minutes')}</option>
                    <option value="hours">{t('hours')}</option>
                    <option value="days">{t('days')}</option>
                  </select>
                </>
              ) : (
                <input
                  className="input"
                  type="datetime-local"
                  aria-label={t('at')}
                  value={event.time.local}
                  onChange={(e) => update(index, { time: { mode: 'at', local: e.target.value } })}
                />
              )}
              <button
                type="button"
                className="button button--small"
                onClick={() => onChange(events.filter((_, i) => i !== index))}
                data-testid={`preview-event-remove-${index}`}
              >
                {t('remove')}
              </button>
            </div>
            <KeyValueRows
              rows={event.properties}
              onChange={(properties) => update(index, { properties })}
              idPrefix={`preview-event-${index}-property`}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          onChange([
            ...events,
            { name: '', time: { mode: 'after', amount: 1, unit: 'days' }, properties: [] },
          ])
        }
        data-testid="preview-add-event"
      >
        {t('add')}
      </button>
    </fieldset>
  );
}
