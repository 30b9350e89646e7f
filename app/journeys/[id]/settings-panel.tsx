'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState, type FormEvent } from 'react';
import type { InputIssueKind } from '../../../config/input-issue';
import type { CompileError } from '../../../workflows/journey/compiler';
import type { PropertyFilter } from '../../../workflows/journey/property-filter';
import {
  journeySettingsObject,
  reentryPeriods,
  reentryPolicies,
  type JourneySettings,
} from '../../../workflows/journey/settings';
import { FormField, invalidClass } from '../../_components/form-field';
import { useBrowserTimeZone } from '../../_i18n/browser-time-zone';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useIssueText } from '../../_i18n/use-issue-text';
import { useTRPC } from '../../_trpc/react';
import { EventNameInput } from './event-name-input';
import { FiltersInput } from './filters-input';
import { journeySettingsSummary } from './settings-summary';
import { RequireAccess } from '../../_components/require-access';

const hours = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * What the form edits: the saved settings with defaults filled in. Numbers may be null
 * while a field is empty, so the server's "required" shows next to it.
 */
type Draft = JourneySettings;

function draftOf(saved: unknown): Draft {
  // Lenient: settings saved by an older version may lack fields; anything unreadable falls back.
  const parsed = journeySettingsObject.safeParse(saved ?? {});
  return parsed.success ? parsed.data : journeySettingsObject.parse({});
}

/** An ISO instant as the value of a `datetime-local` input, in the viewer's zone. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (the viewer's wall clock) as an ISO instant. */
function fromLocalInput(value: string): string | null {
  if (value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function numberOrNull(value: string): number | null {
  return value === '' ? null : Number(value);
}

/**
 * The journey's settings (re-entry, goal, active window, quiet hours, email cap,
 * lateness), saved apart from the canvas and compiled into the next published version.
 * Field errors come from the save (the same schema) and from a refused publish.
 */
export function JourneySettingsPanel(props: {
  journeyId: string;
  saved: unknown;
  problems: readonly CompileError[] | null;
}) {
  const t = useTranslations('journeySettings');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issueText = useIssueText();
  const viewerZone = useBrowserTimeZone('UTC');
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.saved));
  const [savedDraft, setSavedDraft] = useState(() => JSON.stringify(draftOf(props.saved)));
  const dirty = JSON.stringify(draft) !== savedDraft;
  const options = useQuery(trpc.journeys.pickerOptions.queryOptions());
  const eventNames = useMemo(
    () => (options.data?.eventName ?? []).map((option) => option.name),
    [options.data],
  );

  const save = useMutation(
    trpc.journeys.saveSettings.mutationOptions({
      onSuccess: (settings) => {
        setDraft(settings);
        setSavedDraft(JSON.stringify(settings));
        void queryClient.invalidateQueries(trpc.journeys.get.queryFilter({ id: props.journeyId }));
      },
    }),
  );
  const saveErrors = useInputErrors(save.error);
  // A refused publish names settings by path too; shown until the next save or publish.
  const publishErrors = useMemo(() => {
    const byPath = new Map<string, string>();
    for (const problem of props.problems ?? []) {
      if (problem.code !== 'invalid_settings' || !problem.field) continue;
      const kind: InputIssueKind = problem.params.issue ?? 'invalid';
      byPath.set(problem.field, issueText({ kind, limit: problem.params.limit }));
    }
    return byPath;
  }, [props.problems, issueText]);
  const error = (path: string, input: 'value' | 'choice' = 'value') =>
    saveErrors.field(path, input) ?? (save.isSuccess ? undefined : publishErrors.get(path));
  // Filter rows name their errors by row (`0.value`), as the config panel's filters do.
  const goalFilterErrors = new Map<string, string>();
  for (let index = 0; index < (draft.goal?.filters.length ?? 0); index++) {
    for (const part of ['property', 'value']) {
      const message = error(`goal.filters.${index}.${part}`);
      if (message) goalFilterErrors.set(`${index}.${part}`, message);
    }
  }

  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: props.journeyId, settings: draft });
  };
  const summary = journeySettingsSummary(draftOf(props.saved));
  // Literal keys, so the catalog check sees every message in use.
  const periodLabel = {
    day: t('periods.day'),
    week: t('periods.week'),
    month: t('periods.month'),
    year: t('periods.year'),
  };
  const reentryLabel = {
    once: t('reentry.options.once'),
    once_per_period: t('reentry.options.once_per_period'),
    after_exit: t('reentry.options.after_exit'),
  };
  const reentrySummary = {
    once: t('summary.reentry.once'),
    once_per_period: t('summary.reentry.once_per_period', { period: periodLabel[summary.period] }),
    after_exit: t('summary.reentry.after_exit'),
  };
  const quietLabel = { startHour: t('quietHours.startHour'), endHour: t('quietHours.endHour') };
  const hasPublishErrors = publishErrors.size > 0 && !save.isSuccess;

  return (
    <section className="card journey-settings" data-testid="journey-settings">
      <div className="card__header">
        <h2>{t('title')}</h2>
        <button
          type="button"
          className="button button--small"
          aria-expanded={open}
          onClick={() => setOpen((value) => !value)}
          data-testid="journey-settings-toggle"
        >
          {open ? t('close') : t('edit')}
        </button>
      </div>
      {!open ? (
        <div className="card__body journey-settings__summary" data-testid="journey-settings-summary">
          {hasPublishErrors && <p className="field__error">{t('hasErrors')}</p>}
          <ul>
            <li>{reentrySummary[summary.reentry]}</li>
            {summary.goal && <li>{t('summary.goal', { name: summary.goal })}</li>}
            {summary.quietHours && (
              <li>
                {t('summary.quietHours', {
                  start: summary.quietHours.startHour,
                  end: summary.quietHours.endHour,
                })}
              </li>
            )}
            {summary.emailCap && (
              <li>
                {t('summary.emailCap', {
                  count: summary.emailCap.count,
                  hours: summary.emailCap.periodHours,
                })}
              </li>
            )}
          </ul>
        </div>
      ) : (
        <form className="card__body journey-settings__form" onSubmit={submit} noValidate>
          <fieldset className="journey-settings__group">
            <legend>{t('reentry.legend')}</legend>
            <FormField id="settings-reentry" label={t('reentry.label')} error={error('reentry', 'choice')}>
              <select
                id="settings-reentry"
                className={invalidClass(error('reentry'), 'select')}
                value={draft.reentry}
                onChange={(event) => change({ reentry: event.target.value as Draft['reentry'] })}
                data-testid="settings-reentry"
              >
                {reentryPolicies.map((policy) => (
                  <option key={policy} value={policy}>
                    {reentryLabel[policy]}
                  </option>
                ))}
              </select>
            </FormField>
            {draft.reentry === 'once_per_period' && (
              <FormField
                id="settings-reentry-period"
                label={t('reentry.period')}
                error={error('reentryPeriod')}
              >
                <select
                  id="settings-reentry-period"
                  className="select"
                  value={draft.reentryPeriod}
                  onChange={(event) =>
                    change({ reentryPeriod: event.target.value as Draft['reentryPeriod'] })
                  }
                  data-testid="settings-reentry-period"
                >
                  {reentryPeriods.map((period) => (
                    <option key={period} value={period}>
                      {periodLabel[period]}
                    </option>
                  ))}
                </select>
              </FormField>
            )}
          </fieldset>

          <fieldset className="journey-settings__group">
            <legend>{t('goal.legend')}</legend>
            <label className="checkbox-label">
              <input
                type="checkbox"
                className="checkbox"
                checked={draft.goal !== null}
                onChange={(event) =>
                  change({ goal: event.target.checked ? { eventName: '', filters: [] } : null })
                }
                data-testid="settings-goal-enabled"
              />{' '}
              {t('goal.enabled')}
            </label>
            {draft.goal && (
              <>
                <FormField
                  id="settings-goal-event"
                  label={t('goal.eventName')}
                  error={error('goal.eventName')}
                  help={t('goal.eventNameHelp')}
                >
                  <EventNameInput
                    id="settings-goal-event"
                    value={draft.goal.eventName}
                    invalid={Boolean(error('goal.eventName'))}
                    suggestions={eventNames}
                    onChange={(value) =>
                      change({ goal: { ...draft.goal!, eventName: typeof value === 'string' ? value : '' } })
                    }
                    testId="settings-goal-event"
                  />
                </FormField>
                <div className="field">
                  <span className="field__label">{t('goal.filters')}</span>
                  <FiltersInput
                    id="settings-goal-filters"
                    value={draft.goal.filters}
                    errors={goalFilterErrors}
                    onChange={(value) =>
                      change({ goal: { ...draft.goal!, filters: value as PropertyFilter[] } })
                    }
                    testId="settings-goal-filters"
                  />
                </div>
              </>
            )}
          </fieldset>

          <fieldset className="journey-settings__group">
            <legend>{t('window.legend')}</legend>
            <FormField
              id="settings-active-from"
              label={t('window.from')}
              error={error('activeFrom')}
              help={t('window.zone', { zone: viewerZone })}
            >
              <input
                id="settings-active-from"
                type="datetime-local"
                className={invalidClass(error('activeFrom'), 'input')}
                value={toLocalInput(draft.activeFrom)}
                onChange={(event) => change({ activeFrom: fromLocalInput(event.target.value) })}
                data-testid="settings-active-from"
              />
            </FormField>
            <FormField id="settings-active-until" label={t('window.until')} error={error('activeUntil')}>
              <input
                id="settings-active-until"
                type="datetime-local"
                className={invalidClass(error('activeUntil'), 'input')}
                value={toLocalInput(draft.activeUntil)}
                onChange={(event) => change({ activeUntil: fromLocalInput(event.target.value) })}
                data-testid="settings-active-until"
              />
            </FormField>
          </fieldset>

          <fieldset className="journey-settings__group">
            <legend>{t('quietHours.legend')}</legend>
            <label className="checkbox-label">
              <input
                type="checkbox"
                className="checkbox"
                checked={draft.quietHours !== null}
                onChange={(event) =>
                  change({ quietHours: event.target.checked ? { startHour: 22, endHour: 8 } : null })
                }
                data-testid="settings-quiet-enabled"
              />{' '}
              {t('quietHours.enabled')}
            </label>
            {draft.quietHours && (
              <div className="journey-settings__pair">
                {(['startHour', 'endHour'] as const).map((key) => (
                  <FormField
                    key={key}
                    id={`settings-quiet-${key}`}
                    label={quietLabel[key]}
                    error={error(`quietHours.${key}`, 'choice')}
                  >
                    <select
                      id={`settings-quiet-${key}`}
                      className={invalidClass(error(`quietHours.${key}`), 'select')}
                      value={draft.quietHours![key]}
                      onChange={(event) =>
                        change({ quietHours: { ...draft.quietHours!, [key]: Number(event.target.value) } })
                      }
                      data-testid={`settings-quiet-${key}`}
                    >
                      {hours.map((hour) => (
                        <option key={hour} value={hour}>
                          {t('hour', { hour })}
                        </option>
                      ))}
                    </select>
                  </FormField>
                ))}
              </div>
            )}
            {draft.quietHours && <span className="field__help">{t('quietHours.help')}</span>}
          </fieldset>

          <fieldset className="journey-settings__group">
            <legend>{t('emailCap.legend')}</legend>
            <label className="checkbox-label">
              <input
                type="checkbox"
                className="checkbox"
                checked={draft.emailCap !== null}
                onChange={(event) =>
                  change({ emailCap: event.target.checked ? { count: 3, periodHours: 168 } : null })
                }
                data-testid="settings-cap-enabled"
              />{' '}
              {t('emailCap.enabled')}
            </label>
            {draft.emailCap && (
              <div className="journey-settings__pair">
                <FormField
                  id="settings-cap-count"
                  label={t('emailCap.count')}
                  error={error('emailCap.count')}
                >
                  <input
                    id="settings-cap-count"
                    type="number"
                    min={1}
                    max={100}
                    step={1}
                    className={invalidClass(error('emailCap.count'), 'input')}
                    value={draft.emailCap.count ?? ''}
                    onChange={(event) =>
                      change({
                        emailCap: { ...draft.emailCap!, count: numberOrNull(event.target.value) as number },
                      })
                    }
                    data-testid="settings-cap-count"
                  />
                </FormField>
                <FormField
                  id="settings-cap-hours"
                  label={t('emailCap.periodHours')}
                  error={error('emailCap.periodHours')}
                >
                  <input
                    id="settings-cap-hours"
                    type="number"
                    min={1}
                    max={24 * 90}
                    step={1}
                    className={invalidClass(error('emailCap.periodHours'), 'input')}
                    value={draft.emailCap.periodHours ?? ''}
                    onChange={(event) =>
                      change({
                        emailCap: {
                          ...draft.emailCap!,
                          periodHours: numberOrNull(event.target.value) as number,
                        },
                      })
                    }
                    data-testid="settings-cap-hours"
                  />
                </FormField>
              </div>
            )}
            {draft.emailCap && <span className="field__help">{t('emailCap.help')}</span>}
          </fieldset>

          <fieldset className="journey-settings__group">
            <legend>{t('lateness.legend')}</legend>
            <FormField
              id="settings-lateness"
              label={t('lateness.label')}
              error={error('maxLatenessMinutes')}
              help={t('lateness.help')}
            >
              <input
                id="settings-lateness"
                type="number"
                min={1}
                step={1}
                placeholder={t('lateness.none')}
                className={invalidClass(error('maxLatenessMinutes'), 'input')}
                value={draft.maxLatenessMinutes ?? ''}
                onChange={(event) => change({ maxLatenessMinutes: numberOrNull(event.target.value) })}
                data-testid="settings-lateness"
              />
            </FormField>
          </fieldset>

          {saveErrors.other && (
            <p className="field__error" data-testid="settings-error">
              {saveErrors.other}
            </p>
          )}
          <div className="journey-settings__actions">
            <span className="field__help">
              {dirty ? t('unsaved') : save.isSuccess ? t('saved') : t('appliesOnPublish')}
            </span>
            <RequireAccess access="edit">
              <button
                type="submit"
                className="button button--primary button--small"
                disabled={save.isPending || !dirty}
                data-testid="settings-save"
              >
                {save.isPending ? tc('saving') : tc('save')}
              </button>
            </RequireAccess>
          </div>
        </form>
      )}
    </section>
  );
}
