'use client';

import { useTranslations } from 'next-intl';
import { FormField, invalidClass } from '../../_components/form-field';
import type { SettingsDraft } from './settings-draft';
import type { SettingsErrors } from './use-settings-errors';

type Tiers = SettingsDraft['tiers'];

/** What tiers are measured on, over which window, and when members may move down. */
export function TierSettingsFields({
  tiers,
  onChange,
  errors,
  currency,
}: {
  tiers: Tiers;
  onChange: (tiers: Tiers) => void;
  errors: SettingsErrors;
  currency: string;
}) {
  const t = useTranslations('earning.tiers');
  const set = (change: Partial<Tiers>) => onChange({ ...tiers, ...change });
  const windowError = errors.at('tierSettings.windowMonths');

  return (
    <section className="card" data-testid="tier-settings">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body settings-grid">
        <FormField
          id="tier-basis"
          label={t('basis')}
          error={errors.at('tierSettings.basis')}
          help={tiers.basis === 'spend' ? t('basisHelpSpend', { currency }) : t('basisHelpPoints')}
        >
          <select
            id="tier-basis"
            className="select"
            value={tiers.basis}
            onChange={(event) => set({ basis: event.target.value as Tiers['basis'] })}
            data-testid="tier-basis"
          >
            <option value="points">{t('bases.points')}</option>
            <option value="spend">{t('bases.spend')}</option>
          </select>
        </FormField>
        <FormField
          id="tier-window"
          label={t('windowMonths')}
          error={windowError}
          help={t('windowHelp')}
          errorTestId="tier-window-error"
        >
          <input
            id="tier-window"
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            className={invalidClass(windowError, 'input')}
            value={tiers.windowMonths}
            onChange={(event) => set({ windowMonths: event.target.value })}
            aria-invalid={windowError ? true : undefined}
            data-testid="tier-window"
          />
        </FormField>
        <FormField
          id="tier-review"
          label={t('reviewPeriod')}
          error={errors.at('tierSettings.reviewPeriod')}
          help={t('reviewHelp')}
        >
          <select
            id="tier-review"
            className="select"
            value={tiers.reviewPeriod}
            onChange={(event) => set({ reviewPeriod: event.target.value as Tiers['reviewPeriod'] })}
            data-testid="tier-review"
          >
            <option value="month">{t('reviewPeriods.month')}</option>
            <option value="quarter">{t('reviewPeriods.quarter')}</option>
            <option value="year">{t('reviewPeriods.year')}</option>
          </select>
        </FormField>
      </div>
    </section>
  );
}
