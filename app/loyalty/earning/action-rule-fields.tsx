'use client';

import { useTranslations } from 'next-intl';
import { invalidClass } from '../../_components/form-field';
import { earnActions, type CapPeriod, type EarnAction } from '../../../db/program/earn-rules';
import type { ActionDraft, SettingsDraft } from './settings-draft';
import type { SettingsErrors } from './use-settings-errors';

/**
 * One row per action a shop can report: whether it earns, how much, and how often at most.
 * `actionOrder` says which row was which index of the rules last sent, so the server's
 * `earnRules.actions.1.points` lands on the right row.
 */
export function ActionRuleFields({
  actions,
  onChange,
  errors,
  actionOrder,
}: {
  actions: SettingsDraft['actions'];
  onChange: (actions: SettingsDraft['actions']) => void;
  errors: SettingsErrors;
  actionOrder: readonly EarnAction[];
}) {
  const t = useTranslations('earning.actions');
  const names: Record<EarnAction, string> = {
    signup: t('names.signup'),
    newsletter_opt_in: t('names.newsletter_opt_in'),
    review: t('names.review'),
    referral: t('names.referral'),
    social_share: t('names.social_share'),
    profile_completed: t('names.profile_completed'),
  };
  const periods: Record<CapPeriod, string> = {
    day: t('periods.day'),
    week: t('periods.week'),
    month: t('periods.month'),
    year: t('periods.year'),
    lifetime: t('periods.lifetime'),
  };
  const set = (action: EarnAction, change: Partial<ActionDraft>) =>
    onChange({ ...actions, [action]: { ...actions[action], ...change } });

  return (
    <section className="card" data-testid="action-rules">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body">
        <p className="field__help">{t('help')}</p>
      </div>
      <table className="table settings-table">
        <thead>
          <tr>
            <th>{t('columns.action')}</th>
            <th>{t('columns.points')}</th>
            <th>{t('columns.cap')}</th>
          </tr>
        </thead>
        <tbody>
          {earnActions.map((action) => {
            const row = actions[action];
            const index = actionOrder.indexOf(action);
            const at = (field: string) =>
              index < 0 ? undefined : errors.under(`earnRules.actions.${index}.${field}`);
            const pointsError = at('points');
            const capError = at('cap');
            return (
              <tr key={action} data-testid="action-row" data-action={action}>
                <td>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={row.enabled}
                      onChange={(event) => set(action, { enabled: event.target.checked })}
                      data-testid="action-enabled"
                    />
                    {names[action]}
                  </label>
                </td>
                <td>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    className={invalidClass(pointsError, 'input') + ' settings-table__number'}
                    value={row.points}
                    disabled={!row.enabled}
                    onChange={(event) => set(action, { points: event.target.value })}
                    aria-label={t('pointsFor', { action: names[action] })}
                    aria-invalid={pointsError ? true : undefined}
                    data-testid="action-points"
                  />
                  {pointsError && (
                    <span className="field__error" data-testid="action-points-error">
                      {pointsError}
                    </span>
                  )}
                </td>
                <td>
                  <div className="settings-table__cap">
                    <select
                      className="select"
                      value={row.capPeriod}
                      disabled={!row.enabled}
                      onChange={(event) => set(action, { capPeriod: event.target.value as CapPeriod | '' })}
                      aria-label={t('capPeriodFor', { action: names[action] })}
                      data-testid="action-cap-period"
                    >
                      <option value="">{t('noCap')}</option>
                      {(Object.keys(periods) as CapPeriod[]).map((period) => (
                        <option key={period} value={period}>
                          {periods[period]}
                        </option>
                      ))}
                    </select>
                    {row.capPeriod !== '' && (
                      <>
                        <span className="muted">{t('atMost')}</span>
                        <input
                          type="number"
                          inputMode="numeric"
                          min={1}
                          step={1}
                          className={invalidClass(capError, 'input') + ' settings-table__number'}
                          value={row.capCount}
                          disabled={!row.enabled}
                          onChange={(event) => set(action, { capCount: event.target.value })}
                          aria-label={t('capCountFor', { action: names[action] })}
                          aria-invalid={capError ? true : undefined}
                          data-testid="action-cap-count"
                        />
                        <span className="muted">{t('times')}</span>
                      </>
                    )}
                  </div>
                  {capError && (
                    <span className="field__error" data-testid="action-cap-error">
                      {capError}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
