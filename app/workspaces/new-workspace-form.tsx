'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { isLocale, locales, type Locale } from '../../config/locales';
import { useBrowserTimeZone } from '../_i18n/browser-time-zone';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useTRPC } from '../_trpc/react';
import { useTimeZones } from './use-time-zones';
import { FormField, invalidClass } from '../_components/form-field';
import { RequireAccess } from '../_components/require-access';

/** Name, default language and time zone of a new brand; the server checks all three. */
export function NewWorkspaceForm({ onCreated }: { onCreated: (name: string) => void }) {
  const t = useTranslations('workspaces');
  const tl = useTranslations('language');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const knownZones = useTimeZones();
  const browserZone = useBrowserTimeZone('');
  // The list holds canonical region zones only; a browser on UTC still gets its own zone first.
  const zones =
    browserZone && !knownZones.includes(browserZone) && knownZones.length > 0
      ? [browserZone, ...knownZones]
      : knownZones;
  const [name, setName] = useState('');
  // The marketer's own language is the likeliest for the brand's customers too.
  const [defaultLocale, setDefaultLocale] = useState<Locale>(useLocale());
  // Until the viewer picks one, the zone follows the browser's own.
  const [pickedZone, setPickedZone] = useState<string | null>(null);
  const timeZone = pickedZone ?? (zones.includes(browserZone) ? browserZone : (zones[0] ?? ''));
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: async (workspace) => {
        await queryClient.invalidateQueries(trpc.workspace.list.queryFilter());
        setName('');
        onCreated(workspace.name);
      },
    }),
  );
  const errors = useInputErrors(create.error);
  const nameError = errors.field('name');
  const localeError = errors.field('defaultLocale', 'choice');
  const zoneError = errors.field('timeZone', 'choice');

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, defaultLocale, timeZone });
  }

  return (
    <RequireAccess access="admin">
      <form className="card" onSubmit={submit} data-testid="new-workspace-form" noValidate>
        <div className="card__header">
          <h2>{t('create.title')}</h2>
        </div>
        <div className="card__body workspace-form">
          <FormField
            id="workspace-name"
            label={t('fields.name')}
            error={nameError}
            errorTestId="new-workspace-name-error"
          >
            <input
              id="workspace-name"
              className={invalidClass(nameError, 'input')}
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder={t('create.namePlaceholder')}
              aria-invalid={nameError ? true : undefined}
              data-testid="new-workspace-name"
            />
          </FormField>
          <FormField
            id="workspace-locale"
            label={t('fields.defaultLocale')}
            error={localeError}
            help={t('create.languageHelp')}
          >
            <select
              id="workspace-locale"
              className={invalidClass(localeError, 'select')}
              value={defaultLocale}
              onChange={(event) => {
                if (isLocale(event.target.value)) setDefaultLocale(event.target.value);
              }}
              data-testid="new-workspace-locale"
            >
              {locales.map((code) => (
                <option key={code} value={code}>
                  {tl(`names.${code}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="workspace-zone" label={t('fields.timeZone')} error={zoneError}>
            <select
              id="workspace-zone"
              className={invalidClass(zoneError, 'select')}
              value={timeZone}
              onChange={(event) => setPickedZone(event.target.value)}
              data-testid="new-workspace-zone"
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </FormField>
          <div className="workspace-form__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={create.isPending}
              data-testid="create-workspace"
            >
              {create.isPending ? t('create.creating') : t('create.submit')}
            </button>
            {errors.other && (
              <span className="field__error" role="alert">
                {errors.other}
              </span>
            )}
          </div>
        </div>
      </form>
    </RequireAccess>
  );
}
