'use client';

import { useTranslations } from 'next-intl';

/** The conversion window of the journey reports: goal events up to this many days after entry count. */
export function WindowDaysInput({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const t = useTranslations('analytics.journeys');
  return (
    <label className="field">
      <span className="field__label">{t('windowLabel')}</span>
      <input
        type="number"
        min={1}
        max={90}
        value={value}
        data-testid="journey-window-days"
        onChange={(event) => {
          const days = Math.trunc(Number(event.target.value));
          // Out-of-range typing is ignored rather than sent: the API accepts 1–90.
          if (days >= 1 && days <= 90) onChange(days);
        }}
      />
    </label>
  );
}
