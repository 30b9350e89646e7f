'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useIssueText } from '../../_i18n/use-issue-text';
import { useTRPC } from '../../_trpc/react';
import type { TierRowData } from './tier-ladder';
import { parseMultiplier, parseTierValue, tierValueText, type TierBasis } from './tier-values';

/**
 * Adds a tier (`tier` null) or edits one, inline in the ladder. Threshold and multiplier
 * are typed as people think of them (250 €, ×1.5) and stored as minor units and percent;
 * a name or threshold another tier has comes back from the server on its field.
 */
export function TierForm({
  tier,
  basis,
  currency,
  onSaved,
  onCancel,
}: {
  tier: TierRowData | null;
  basis: TierBasis;
  currency: string;
  onSaved: (name: string, created: boolean) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('tiers.form');
  const issueText = useIssueText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(tier?.name ?? '');
  const [thresholdText, setThresholdText] = useState(
    tier ? tierValueText(tier.threshold, basis, currency) : '',
  );
  const [multiplierText, setMultiplierText] = useState(tier ? String(tier.multiplierPercent / 100) : '1');
  const [perks, setPerks] = useState(tier?.perks ?? '');
  const [local, setLocal] = useState<{ threshold?: string; multiplier?: string }>({});

  const options = {
    onSuccess: async (saved: { name: string }) => {
      await queryClient.invalidateQueries(trpc.tiers.list.queryFilter());
      onSaved(saved.name, tier === null);
    },
  };
  const create = useMutation(trpc.tiers.create.mutationOptions(options));
  const update = useMutation(trpc.tiers.update.mutationOptions(options));
  const mutation = tier ? update : create;
  const errors = useInputErrors(mutation.error);
  // A custom issue on a field is the server saying another tier already has that value.
  const taken = (path: string) =>
    mutation.error?.data?.inputIssues?.some((issue) => issue.path === path && issue.kind === 'invalid') ??
    false;
  const nameError = taken('name') ? t('nameTaken') : errors.field('name');
  const thresholdError =
    local.threshold ?? (taken('threshold') ? t('thresholdTaken') : errors.field('threshold'));
  const multiplierError =
    local.multiplier ?? (errors.field('multiplierPercent') ? t('multiplierRange') : undefined);
  const perksError = errors.field('perks');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const threshold = parseTierValue(thresholdText, basis, currency);
    const multiplierPercent = parseMultiplier(multiplierText);
    const problems = {
      threshold:
        thresholdText.trim() === ''
          ? issueText({ kind: 'required' })
          : threshold === undefined
            ? t('notAValue')
            : undefined,
      multiplier:
        multiplierPercent === undefined || multiplierPercent < 100 || multiplierPercent > 1000
          ? t('multiplierRange')
          : undefined,
    };
    setLocal(problems);
    if (problems.threshold || problems.multiplier) return;
    const fields = { name, threshold: threshold!, multiplierPercent: multiplierPercent!, perks };
    if (tier) update.mutate({ ...fields, id: tier.id });
    else create.mutate(fields);
  }

  const idPrefix = tier ? `tier-${tier.id}` : 'tier-new';
  return (
    <form className="tier-form" onSubmit={submit} noValidate data-testid="tier-form">
      <div className="tier-form__fields">
        <FormField id={`${idPrefix}-name`} label={t('name')} error={nameError} errorTestId="tier-name-error">
          <input
            id={`${idPrefix}-name`}
            className={invalidClass(nameError, 'input')}
            value={name}
            maxLength={60}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={nameError ? true : undefined}
            data-testid="tier-name"
          />
        </FormField>
        <FormField
          id={`${idPrefix}-threshold`}
          label={basis === 'spend' ? t('thresholdSpend', { currency }) : t('thresholdPoints')}
          error={thresholdError}
          help={basis === 'spend' ? t('thresholdSpendHelp') : t('thresholdPointsHelp')}
          errorTestId="tier-threshold-error"
        >
          <input
            id={`${idPrefix}-threshold`}
            inputMode="decimal"
            className={invalidClass(thresholdError, 'input')}
            value={thresholdText}
            onChange={(event) => setThresholdText(event.target.value)}
            aria-invalid={thresholdError ? true : undefined}
            data-testid="tier-threshold"
          />
        </FormField>
        <FormField
          id={`${idPrefix}-multiplier`}
          label={t('multiplier')}
          error={multiplierError}
          help={t('multiplierHelp')}
          errorTestId="tier-multiplier-error"
        >
          <input
            id={`${idPrefix}-multiplier`}
            inputMode="decimal"
            className={invalidClass(multiplierError, 'input')}
            value={multiplierText}
            onChange={(event) => setMultiplierText(event.target.value)}
            aria-invalid={multiplierError ? true : undefined}
            data-testid="tier-multiplier"
          />
        </FormField>
        <FormField id={`${idPrefix}-perks`} label={t('perks')} error={perksError} help={t('perksHelp')}>
          <textarea
            id={`${idPrefix}-perks`}
            className={invalidClass(perksError, 'input')}
            value={perks}
            maxLength={1000}
            rows={2}
            onChange={(event) => setPerks(event.target.value)}
            data-testid="tier-perks"
          />
        </FormField>
      </div>
      <div className="workspace-form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={mutation.isPending}
          data-testid="tier-save"
        >
          {mutation.isPending ? t('saving') : tier ? t('save') : t('add')}
        </button>
        <button type="button" className="button" onClick={onCancel} data-testid="tier-cancel">
          {t('cancel')}
        </button>
        {errors.other && (
          <span className="field__error" role="alert" data-testid="tier-form-error">
            {errors.other}
          </span>
        )}
      </div>
    </form>
  );
}
