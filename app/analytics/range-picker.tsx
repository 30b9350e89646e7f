'use client';

import { useTranslations } from 'next-intl';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { daysBetween, maxRangeDays } from '../../db/analytics/date-range';
import { useFormats } from '../_i18n/use-formats';
import styles from './analytics.module.css';
import { presetDays, rangeChoiceQuery, type RangeChoice } from './range-choice';
import { useReportRange } from './use-report-range';

/**
 * The period of every report: the last 7, 30 or 90 days, or a custom range, always compared
 * with the period of equal length just before it. The choice lives in the URL.
 */
export function RangePicker() {
  const t = useTranslations('analytics.range');
  const format = useFormats();
  const router = useRouter();
  const pathname = usePathname();
  const { choice, range, previous } = useReportRange();
  // The custom range being typed; null while a preset is shown and no custom one is open.
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const [invalid, setInvalid] = useState(false);

  const choose = (next: RangeChoice) => {
    setInvalid(false);
    router.replace(`${pathname}?${rangeChoiceQuery(next)}`, { scroll: false });
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const days = draft.from && draft.to ? daysBetween(draft.from, draft.to) : Number.NaN;
    if (!(days >= 0 && days + 1 <= maxRangeDays)) {
      setInvalid(true);
      return;
    }
    choose({ kind: 'custom', ...draft });
  };

  const customOpen = draft !== null || choice.kind === 'custom';
  const shown = draft ?? range ?? { from: '', to: '' };

  return (
    <div className={styles.rangePicker} data-testid="range-picker">
      <div className={styles.rangePresets} role="group" aria-label={t('label')}>
        {presetDays.map((days) => {
          const active = choice.kind === 'preset' && choice.days === days && draft === null;
          return (
            <button
              key={days}
              type="button"
              className={active ? 'button button--small button--primary' : 'button button--small'}
              aria-pressed={active}
              data-testid={`range-preset-${days}`}
              onClick={() => {
                setDraft(null);
                choose({ kind: 'preset', days });
              }}
            >
              {t('lastDays', { days })}
            </button>
          );
        })}
        <button
          type="button"
          className={customOpen ? 'button button--small button--primary' : 'button button--small'}
          aria-pressed={customOpen}
          data-testid="range-custom"
          onClick={() => setDraft(range ? { from: range.from, to: range.to } : { from: '', to: '' })}
        >
          {t('custom')}
        </button>
      </div>
      {customOpen && (
        <form className={styles.rangeCustom} onSubmit={apply} noValidate>
          <label className={styles.rangeField}>
            <span>{t('from')}</span>
            <input
              type="date"
              className="input"
              value={shown.from}
              max={shown.to || undefined}
              onChange={(e) => setDraft({ ...shown, from: e.target.value })}
              data-testid="range-from"
            />
          </label>
          <label className={styles.rangeField}>
            <span>{t('to')}</span>
            <input
              type="date"
              className="input"
              value={shown.to}
              min={shown.from || undefined}
              onChange={(e) => setDraft({ ...shown, to: e.target.value })}
              data-testid="range-to"
            />
          </label>
          <button type="submit" className="button button--small" data-testid="range-apply">
            {t('apply')}
          </button>
          {invalid && (
            <span className="field__error" role="alert" data-testid="range-invalid">
              {t('invalid', { max: maxRangeDays })}
            </span>
          )}
        </form>
      )}
      {range && previous && (
        <p className="muted" data-testid="range-summary">
          {t('summary', {
            from: format.calendarDate(range.from),
            to: format.calendarDate(range.to),
            previousFrom: format.calendarDate(previous.from),
            previousTo: format.calendarDate(previous.to),
          })}
        </p>
      )}
    </div>
  );
}
