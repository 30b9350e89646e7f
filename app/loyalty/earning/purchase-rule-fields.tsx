'use client';

import { useTranslations } from 'next-intl';
import { FormField, invalidClass } from '../../_components/form-field';
import { OrderExample } from './order-example';
import { newBonusKey, type BonusDraft, type SettingsDraft } from './settings-draft';
import { TagInput } from './tag-input';
import type { SettingsErrors } from './use-settings-errors';

type Purchase = SettingsDraft['purchase'];
const path = 'earnRules.purchase';

/** Points for purchases: the rate, its rounding, what does not count, and order-value bonuses. */
export function PurchaseRuleFields({
  purchase,
  onChange,
  errors,
  currency,
  exponent,
}: {
  purchase: Purchase;
  onChange: (purchase: Purchase) => void;
  errors: SettingsErrors;
  currency: string;
  exponent: number;
}) {
  const t = useTranslations('earning.purchase');
  const set = (change: Partial<Purchase>) => onChange({ ...purchase, ...change });
  const setBonus = (key: string, change: Partial<BonusDraft>) =>
    set({ bonuses: purchase.bonuses.map((bonus) => (bonus.key === key ? { ...bonus, ...change } : bonus)) });
  const rateError = errors.at(`${path}.pointsPerUnit`);
  const categoriesError = errors.under(`${path}.excludedCategories`);
  const skusError = errors.under(`${path}.excludedSkus`);
  const bonusesError = errors.at(`${path}.bonuses`);

  return (
    <section className="card" data-testid="purchase-rule">
      <div className="card__header">
        <h2>{t('title')}</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={purchase.enabled}
            onChange={(event) => set({ enabled: event.target.checked })}
            data-testid="purchase-enabled"
          />
          {t('enabled')}
        </label>
      </div>
      <div className="card__body">
        <div className="settings-grid">
          <FormField
            id="points-per-unit"
            label={t('pointsPerUnit', { currency })}
            error={rateError}
            help={t('pointsPerUnitHelp')}
            errorTestId="points-per-unit-error"
          >
            <input
              id="points-per-unit"
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              className={invalidClass(rateError, 'input')}
              value={purchase.pointsPerUnit}
              onChange={(event) => set({ pointsPerUnit: event.target.value })}
              aria-invalid={rateError ? true : undefined}
              data-testid="points-per-unit"
            />
          </FormField>
          <FormField
            id="rounding"
            label={t('rounding')}
            error={errors.at(`${path}.rounding`)}
            help={t('roundingHelp')}
          >
            <select
              id="rounding"
              className="select"
              value={purchase.rounding}
              onChange={(event) => set({ rounding: event.target.value as Purchase['rounding'] })}
              data-testid="rounding"
            >
              <option value="floor">{t('roundingOptions.floor')}</option>
              <option value="round">{t('roundingOptions.round')}</option>
              <option value="ceil">{t('roundingOptions.ceil')}</option>
            </select>
          </FormField>
        </div>

        <OrderExample purchase={purchase} currency={currency} exponent={exponent} />

        <FormField
          id="excluded-categories"
          label={t('excludedCategories')}
          error={categoriesError}
          help={t('excludedCategoriesHelp')}
          errorTestId="excluded-categories-error"
        >
          <TagInput
            id="excluded-categories"
            tags={purchase.excludedCategories}
            onChange={(excludedCategories) => set({ excludedCategories })}
            placeholder={t('tagPlaceholder')}
            invalid={Boolean(categoriesError)}
            testId="excluded-categories"
          />
        </FormField>
        <FormField
          id="excluded-skus"
          label={t('excludedSkus')}
          error={skusError}
          help={t('excludedSkusHelp')}
          errorTestId="excluded-skus-error"
        >
          <TagInput
            id="excluded-skus"
            tags={purchase.excludedSkus}
            onChange={(excludedSkus) => set({ excludedSkus })}
            placeholder={t('tagPlaceholder')}
            invalid={Boolean(skusError)}
            testId="excluded-skus"
          />
        </FormField>

        <fieldset className="settings-fieldset" data-testid="bonuses">
          <legend className="field__label">{t('bonuses')}</legend>
          <p className="field__help">{t('bonusesHelp')}</p>
          {purchase.bonuses.length === 0 && <p className="muted">{t('noBonuses')}</p>}
          {purchase.bonuses.map((bonus, index) => {
            const amountError = errors.at(`${path}.bonuses.${index}.minOrderAmount`);
            const pointsError = errors.at(`${path}.bonuses.${index}.points`);
            return (
              <div key={bonus.key} className="settings-row" data-testid="bonus-row">
                <FormField
                  id={`${bonus.key}-amount`}
                  label={t('minOrderAmount', { currency })}
                  error={amountError}
                  errorTestId="bonus-amount-error"
                >
                  <input
                    id={`${bonus.key}-amount`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step={1 / 10 ** exponent}
                    className={invalidClass(amountError, 'input')}
                    value={bonus.minOrderAmount}
                    onChange={(event) => setBonus(bonus.key, { minOrderAmount: event.target.value })}
                    aria-invalid={amountError ? true : undefined}
                    data-testid="bonus-amount"
                  />
                </FormField>
                <FormField
                  id={`${bonus.key}-points`}
                  label={t('bonusPoints')}
                  error={pointsError}
                  errorTestId="bonus-points-error"
                >
                  <input
                    id={`${bonus.key}-points`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    className={invalidClass(pointsError, 'input')}
                    value={bonus.points}
                    onChange={(event) => setBonus(bonus.key, { points: event.target.value })}
                    aria-invalid={pointsError ? true : undefined}
                    data-testid="bonus-points"
                  />
                </FormField>
                <button
                  type="button"
                  className="button button--small settings-row__remove"
                  onClick={() =>
                    set({ bonuses: purchase.bonuses.filter((other) => other.key !== bonus.key) })
                  }
                  data-testid="bonus-remove"
                >
                  {t('removeBonus')}
                </button>
              </div>
            );
          })}
          {bonusesError && <span className="field__error">{bonusesError}</span>}
          <button
            type="button"
            className="button button--small"
            disabled={purchase.bonuses.length >= 20}
            onClick={() =>
              set({ bonuses: [...purchase.bonuses, { key: newBonusKey(), minOrderAmount: '', points: '' }] })
            }
            data-testid="bonus-add"
          >
            {t('addBonus')}
          </button>
        </fieldset>
      </div>
    </section>
  );
}
