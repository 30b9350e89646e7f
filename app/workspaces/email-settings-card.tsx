'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../_components/form-field';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useTRPC } from '../_trpc/react';
import { RequireAccess } from '../_components/require-access';

/** The current workspace's sender address (email footers) and open/click tracking switch. */
export function EmailSettingsCard() {
  const t = useTranslations('emailSettings');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.workspace.emailSettings.queryOptions());
  // Edited copies; null until the viewer changes a field, so the loaded values show first.
  const [postalAddress, setPostalAddress] = useState<string | null>(null);
  const [emailTracking, setEmailTracking] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.workspace.saveEmailSettings.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.workspace.emailSettings.queryFilter());
        setPostalAddress(null);
        setEmailTracking(null);
        setSaved(true);
      },
    }),
  );
  const errors = useInputErrors(save.error);
  const addressError = errors.field('postalAddress');
  const address = postalAddress ?? settings.data?.postalAddress ?? '';
  const tracking = emailTracking ?? settings.data?.emailTracking ?? true;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate({ postalAddress: address, emailTracking: tracking });
  }

  return (
    <RequireAccess access="admin">
      <form className="card" onSubmit={submit} data-testid="email-settings" noValidate>
        <div className="card__header">
          <h2>{t('title')}</h2>
        </div>
        <div className="card__body">
          <FormField
            id="postal-address"
            label={t('postalAddress')}
            error={addressError}
            help={t('postalAddressHelp')}
          >
            <textarea
              id="postal-address"
              className={invalidClass(addressError, 'input')}
              rows={3}
              value={address}
              disabled={!settings.data}
              onChange={(event) => {
                setSaved(false);
                setPostalAddress(event.target.value);
              }}
              data-testid="email-settings-address"
            />
          </FormField>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={tracking}
              disabled={!settings.data}
              onChange={(event) => {
                setSaved(false);
                setEmailTracking(event.target.checked);
              }}
              data-testid="email-settings-tracking"
            />
            {t('tracking')}
          </label>
          <p className="muted">{t('trackingHelp')}</p>
          <div className="config-row">
            <button type="submit" className="button" disabled={save.isPending || !settings.data}>
              {t('save')}
            </button>
            {saved && <span role="status">{t('saved')}</span>}
          </div>
        </div>
      </form>
    </RequireAccess>
  );
}
