'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { moneyRewardKinds, rewardKinds, type RewardKind } from '../../../db/rewards/reward-kinds';
import { FormField, invalidClass } from '../../_components/form-field';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useIssueText } from '../../_i18n/use-issue-text';
import type { RouterInputs, RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { currencyDigits, useRewardKindLabel } from './reward-labels';

type Reward = RouterOutputs['rewards']['list']['rewards'][number];
type Tier = RouterOutputs['rewards']['list']['tiers'][number];
type RewardPayload = RouterInputs['rewards']['create'];

/** A date as the `datetime-local` control shows it, in the browser's zone. */
function toLocalInput(value: Date | null): string {
  if (!value) return '';
  const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Empty: null (the field is optional); anything else as a number, NaN for the server to name. */
function optionalNumber(text: string): number | null {
  return text.trim() === '' ? null : Number(text.replace(',', '.'));
}

interface Draft {
  name: string;
  description: string;
  kind: RewardKind;
  value: string;
  productSku: string;
  pointsCost: string;
  stock: string;
  perCustomerLimit: string;
  minTierId: string;
  availableFrom: string;
  availableUntil: string;
  voucherValidDays: string;
  active: boolean;
}

function draftOf(reward: Reward | null, currency: string): Draft {
  const money = reward && moneyRewardKinds.includes(reward.kind) && reward.value !== null;
  return {
    name: reward?.name ?? '',
    description: reward?.description ?? '',
    kind: reward?.kind ?? 'discount_fixed',
    value: money
      ? String(reward.value! / 10 ** currencyDigits(currency))
      : reward?.value != null
        ? String(reward.value)
        : '',
    productSku: reward?.productSku ?? '',
    pointsCost: reward ? String(reward.pointsCost) : '',
    stock: reward?.stockRemaining != null ? String(reward.stockRemaining) : '',
    perCustomerLimit: reward?.perCustomerLimit != null ? String(reward.perCustomerLimit) : '',
    minTierId: reward?.minTierId ?? '',
    availableFrom: toLocalInput(reward?.availableFrom ?? null),
    availableUntil: toLocalInput(reward?.availableUntil ?? null),
    voucherValidDays: reward?.voucherValidDays != null ? String(reward.voucherValidDays) : '',
    active: reward?.active ?? true,
  };
}

/** Adds a reward or edits one: every term of the catalog, checked by the server field by field. */
export function RewardForm({
  reward,
  currency,
  tiers,
  onSaved,
  onCancel,
}: {
  reward: Reward | null;
  currency: string;
  tiers: Tier[];
  onSaved: (name: string, created: boolean) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('rewards.form');
  const kindLabel = useRewardKindLabel();
  const issueText = useIssueText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(reward, currency));
  const saved = async (result: { name: string }) => {
    await queryClient.invalidateQueries(trpc.rewards.list.queryFilter());
    onSaved(result.name, !reward);
  };
  const create = useMutation(trpc.rewards.create.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.rewards.update.mutationOptions({ onSuccess: saved }));
  const save = reward ? update : create;
  const errors = useInputErrors(save.error);
  const isMoney = moneyRewardKinds.includes(draft.kind);
  const hasValue = isMoney || draft.kind === 'discount_percent';
  const digits = currencyDigits(currency);

  const fieldError = (path: string, input: 'value' | 'choice' = 'value') => errors.field(path, input);
  // Money travels in minor units; a bound in cents would only confuse, so the form says it plainly.
  const valueIssue = save.error?.data?.inputIssues?.find((issue) => issue.path === 'value');
  const valueError = valueIssue
    ? isMoney && valueIssue.kind !== 'required'
      ? t('valueMoneyInvalid')
      : issueText(valueIssue)
    : undefined;
  const untilError = fieldError('availableUntil') ? t('untilBeforeFrom') : undefined;
  const tierError = fieldError('minTierId', 'choice');

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const rawValue = optionalNumber(draft.value);
    const payload: RewardPayload = {
      name: draft.name,
      description: draft.description,
      kind: draft.kind,
      value: !hasValue || rawValue === null ? null : isMoney ? Math.round(rawValue * 10 ** digits) : rawValue,
      productSku: draft.kind === 'free_product' ? draft.productSku.trim() || null : null,
      // Required: an empty field is sent as missing, so the server answers "enter a value".
      pointsCost: optionalNumber(draft.pointsCost) ?? (undefined as unknown as number),
      stock: optionalNumber(draft.stock),
      perCustomerLimit: optionalNumber(draft.perCustomerLimit),
      minTierId: draft.minTierId || null,
      availableFrom: draft.availableFrom ? new Date(draft.availableFrom) : null,
      availableUntil: draft.availableUntil ? new Date(draft.availableUntil) : null,
      voucherValidDays: optionalNumber(draft.voucherValidDays),
      active: draft.active,
    };
    if (reward) update.mutate({ ...payload, id: reward.id });
    else create.mutate(payload);
  }

  const numberField = (
    key: 'pointsCost' | 'stock' | 'perCustomerLimit' | 'voucherValidDays',
    label: string,
    testId: string,
    help?: string,
  ) => {
    const error = fieldError(key);
    return (
      <FormField id={`reward-${key}`} label={label} error={error} help={help} errorTestId={`${testId}-error`}>
        <input
          id={`reward-${key}`}
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          className={invalidClass(error, 'input')}
          value={draft[key]}
          onChange={(event) => set(key, event.target.value)}
          aria-invalid={error ? true : undefined}
          data-testid={testId}
        />
      </FormField>
    );
  };

  const nameError = fieldError('name');
  const skuError = fieldError('productSku');
  const descriptionError = fieldError('description');
  const fromError = fieldError('availableFrom');

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="reward-form">
      <div className="card__header">
        <h2>{reward ? t('editTitle', { name: reward.name }) : t('createTitle')}</h2>
      </div>
      <div className="card__body reward-form">
        <FormField
          id="reward-name"
          label={t('fields.name')}
          error={nameError}
          errorTestId="reward-name-error"
        >
          <input
            id="reward-name"
            className={invalidClass(nameError, 'input')}
            value={draft.name}
            maxLength={120}
            onChange={(event) => set('name', event.target.value)}
            aria-invalid={nameError ? true : undefined}
            data-testid="reward-name"
          />
        </FormField>
        <FormField id="reward-kind" label={t('fields.kind')} error={fieldError('kind', 'choice')}>
          <select
            id="reward-kind"
            className="select"
            value={draft.kind}
            onChange={(event) => set('kind', event.target.value as RewardKind)}
            data-testid="reward-kind"
          >
            {rewardKinds.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </FormField>
        {hasValue && (
          <FormField
            id="reward-value"
            label={isMoney ? t('fields.valueMoney', { currency }) : t('fields.valuePercent')}
            error={valueError}
            errorTestId="reward-value-error"
          >
            <input
              id="reward-value"
              type="number"
              min={0}
              step={isMoney ? 1 / 10 ** digits : 1}
              inputMode="decimal"
              className={invalidClass(valueError, 'input')}
              value={draft.value}
              onChange={(event) => set('value', event.target.value)}
              aria-invalid={valueError ? true : undefined}
              data-testid="reward-value"
            />
          </FormField>
        )}
        {draft.kind === 'free_product' && (
          <FormField
            id="reward-sku"
            label={t('fields.productSku')}
            error={skuError}
            errorTestId="reward-sku-error"
          >
            <input
              id="reward-sku"
              className={invalidClass(skuError, 'input')}
              value={draft.productSku}
              maxLength={100}
              onChange={(event) => set('productSku', event.target.value)}
              aria-invalid={skuError ? true : undefined}
              data-testid="reward-sku"
            />
          </FormField>
        )}
        {numberField('pointsCost', t('fields.pointsCost'), 'reward-points-cost')}
        {numberField('stock', t('fields.stock'), 'reward-stock', t('stockHelp'))}
        {numberField('perCustomerLimit', t('fields.perCustomerLimit'), 'reward-limit', t('limitHelp'))}
        <FormField id="reward-tier" label={t('fields.minTier')} error={tierError} help={t('minTierHelp')}>
          <select
            id="reward-tier"
            className={invalidClass(tierError, 'select')}
            value={draft.minTierId}
            onChange={(event) => set('minTierId', event.target.value)}
            data-testid="reward-min-tier"
          >
            <option value="">{t('everyone')}</option>
            {tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tier.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="reward-from" label={t('fields.availableFrom')} error={fromError}>
          <input
            id="reward-from"
            type="datetime-local"
            className={invalidClass(fromError, 'input')}
            value={draft.availableFrom}
            onChange={(event) => set('availableFrom', event.target.value)}
            data-testid="reward-available-from"
          />
        </FormField>
        <FormField
          id="reward-until"
          label={t('fields.availableUntil')}
          error={untilError}
          errorTestId="reward-available-until-error"
        >
          <input
            id="reward-until"
            type="datetime-local"
            className={invalidClass(untilError, 'input')}
            value={draft.availableUntil}
            onChange={(event) => set('availableUntil', event.target.value)}
            aria-invalid={untilError ? true : undefined}
            data-testid="reward-available-until"
          />
        </FormField>
        {numberField(
          'voucherValidDays',
          t('fields.voucherValidDays'),
          'reward-valid-days',
          t('validDaysHelp'),
        )}
        <FormField id="reward-description" label={t('fields.description')} error={descriptionError}>
          <textarea
            id="reward-description"
            className={invalidClass(descriptionError, 'input')}
            value={draft.description}
            maxLength={1000}
            rows={3}
            onChange={(event) => set('description', event.target.value)}
            data-testid="reward-description"
          />
        </FormField>
        <label className="reward-form__check">
          <input
            type="checkbox"
            checked={draft.active}
            onChange={(event) => set('active', event.target.checked)}
            data-testid="reward-active"
          />{' '}
          {t('fields.active')}
        </label>
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={save.isPending}
            data-testid="reward-save"
          >
            {save.isPending ? t('saving') : reward ? t('saveChanges') : t('create')}
          </button>
          {reward && (
            <button type="button" className="button" onClick={onCancel} data-testid="reward-cancel">
              {t('cancel')}
            </button>
          )}
          {errors.other && (
            <span className="field__error" role="alert" data-testid="reward-error">
              {errors.other}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
