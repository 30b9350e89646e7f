'use client';

import { useTranslations } from 'next-intl';
import { FormField, invalidClass } from '../../_components/form-field';
import type { SettingsDraft } from './settings-draft';
import type { SettingsErrors } from './use-settings-errors';

/** The birthday bonus, when earned points expire, and how early members hear about it. */
export function ExpiryFields({
  draft,
  onChange,
  errors,
}: {
  draft: Pick<SettingsDraft, 'birthdayBonus' | 'expiry' | 'notice'>;
  onChange: (change: Partial<Pick<SettingsDraft, 'birthdayBonus' | 'expiry' | 'notice'>>) => void;
  errors: SettingsErrors;
}) {
  const t = useTranslations('earning.expiry');
  const tb = useTranslations('earning.birthday');
  const birthdayError = errors.at('earnRules.birthdayBonus');
  const monthsError = errors.at('pointsExpiry.months');
  const noticeError = errors.at('expiringNoticeDays');
  const setExpiry = (change: Partial<SettingsDraft['expiry']>) =>
    onChange({ expiry: { ...draft.expiry, ...change } });
  const setNotice = (change: Partial<SettingsDraft['notice']>) =>
    onChange({ notice: { ...draft.notice, ...change } });

  return (
    <section className="card" data-testid="expiry-settings">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body">
        <FormField
          id="birthday-bonus"
          label={tb('points')}
          error={birthdayError}
          help={tb('help')}
          errorTestId="birthday-bonus-error"
        >
          <input
            id="birthday-bonus"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            className={invalidClass(birthdayError, 'input')}
            value={draft.birthdayBonus}
            onChange={(event) => onChange({ birthdayBonus: event.target.value })}
            aria-invalid={birthdayError ? true : undefined}
            data-testid="birthday-bonus"
          />
        </FormField>

        <div className="settings-grid">
          <FormField
            id="expiry-kind"
            label={t('kind')}
            error={errors.at('pointsExpiry.kind')}
            help={t('help')}
          >
            <select
              id="expiry-kind"
              className="select"
              value={draft.expiry.kind}
              onChange={(event) => setExpiry({ kind: event.target.value as SettingsDraft['expiry']['kind'] })}
              data-testid="expiry-kind"
            >
              <option value="never">{t('kinds.never')}</option>
              <option value="months">{t('kinds.months')}</option>
              <option value="end_of_period">{t('kinds.end_of_period')}</option>
            </select>
          </FormField>
          {draft.expiry.kind === 'months' && (
            <FormField
              id="expiry-months"
              label={t('months')}
              error={monthsError}
              errorTestId="expiry-months-error"
            >
              <input
                id="expiry-months"
                type="number"
                inputMode="numeric"
                min={1}
                max={1200}
                step={1}
                className={invalidClass(monthsError, 'input')}
                value={draft.expiry.months}
                onChange={(event) => setExpiry({ months: event.target.value })}
                aria-invalid={monthsError ? true : undefined}
                data-testid="expiry-months"
              />
            </FormField>
          )}
          {draft.expiry.kind === 'end_of_period' && (
            <FormField id="expiry-period" label={t('period')} error={errors.at('pointsExpiry.period')}>
              <select
                id="expiry-period"
                className="select"
                value={draft.expiry.period}
                onChange={(event) =>
                  setExpiry({ period: event.target.value as SettingsDraft['expiry']['period'] })
                }
                data-testid="expiry-period"
              >
                <option value="month">{t('periods.month')}</option>
                <option value="quarter">{t('periods.quarter')}</option>
                <option value="year">{t('periods.year')}</option>
              </select>
            </FormField>
          )}
        </div>

        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.notice.enabled}
            onChange={(event) => setNotice({ enabled: event.target.checked })}
            data-testid="notice-enabled"
          />
          {t('noticeEnabled')}
        </label>
        {draft.notice.enabled && (
          <FormField
            id="notice-days"
            label={t('noticeDays')}
            error={noticeError}
            help={t('noticeHelp')}
            errorTestId="notice-days-error"
          >
            <input
              id="notice-days"
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              step={1}
              className={invalidClass(noticeError, 'input')}
              value={draft.notice.days}
              onChange={(event) => setNotice({ days: event.target.value })}
              aria-invalid={noticeError ? true : undefined}
              data-testid="notice-days"
            />
          </FormField>
        )}
      </div>
    </section>
  );
}
