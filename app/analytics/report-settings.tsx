'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { AnalyticsSettings } from '../../db/analytics/settings';
import { QueryError } from '../_components/query-state';
import { RequireAccess } from '../_components/require-access';
import { useTRPC } from '../_trpc/react';
import styles from './analytics.module.css';

/**
 * The two assumptions behind some figures: what one point costs the business (the liability)
 * and how many days after a click an order counts for the email. Everyone sees them;
 * marketers and admins change them.
 */
export function ReportSettings() {
  const t = useTranslations('analytics.settings');
  const trpc = useTRPC();
  const settings = useQuery(trpc.analytics.settings.queryOptions());
  return (
    <section className="card" data-testid="report-settings">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      {settings.isError && (
        <div className="card__body">
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        </div>
      )}
      {settings.data && (
        <RequireAccess access="edit" fallback={<ReadOnlySettings settings={settings.data} />}>
          <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />
        </RequireAccess>
      )}
    </section>
  );
}

function ReadOnlySettings({ settings }: { settings: AnalyticsSettings }) {
  const t = useTranslations('analytics.settings');
  return (
    <p className="card__body muted" data-testid="report-settings-read-only">
      {t('readOnly', { cost: settings.costPerPoint, days: settings.clickAttributionDays })}
    </p>
  );
}

function SettingsForm({ settings }: { settings: AnalyticsSettings }) {
  const t = useTranslations('analytics.settings');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [cost, setCost] = useState(String(settings.costPerPoint));
  const [days, setDays] = useState(String(settings.clickAttributionDays));
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.analytics.updateSettings.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        // Liability and email revenue depend on these: every analytics query asks again.
        await queryClient.invalidateQueries(trpc.analytics.pathFilter());
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate({ costPerPoint: Number(cost.replace(',', '.')), clickAttributionDays: Number(days) });
  };
  return (
    <form className={styles.settings} onSubmit={submit}>
      <label className="field">
        <span className="field__label">{t('costPerPoint')}</span>
        <input
          className="input"
          inputMode="decimal"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          data-testid="report-settings-cost"
        />
        <span className="field__help">{t('costPerPointHelp')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('clickWindow')}</span>
        <input
          className="input"
          type="number"
          min={1}
          max={90}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          data-testid="report-settings-days"
        />
        <span className="field__help">{t('clickWindowHelp')}</span>
      </label>
      <button type="submit" className="button" disabled={save.isPending} data-testid="report-settings-save">
        {t('save')}
      </button>
      {saved && (
        <span className="muted" role="status">
          {t('saved')}
        </span>
      )}
      {save.error && <QueryError error={save.error} />}
    </form>
  );
}
