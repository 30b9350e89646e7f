'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState, type FormEvent } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { useErrorText } from '../../_i18n/use-error-text';
import { useTRPC } from '../../_trpc/react';
import type { EarnAction } from '../../../db/program/earn-rules';
import { currencyExponent } from '../../../db/program/order-points';
import { ActionRuleFields } from './action-rule-fields';
import { ExpiryFields } from './expiry-fields';
import { PurchaseRuleFields } from './purchase-rule-fields';
import { toDraft, toPatch, type ProgramSettingsView, type SettingsDraft } from './settings-draft';
import { TierSettingsFields } from './tier-settings-fields';
import { useSettingsErrors } from './use-settings-errors';
import { RequireAccess } from '../../_components/require-access';

/** The program's earning settings: loads them, then edits them in one form with one save. */
export function EarningSettings() {
  const trpc = useTRPC();
  const program = useQuery(trpc.program.get.queryOptions());
  if (program.isPending) return <Loading />;
  if (program.isError) return <QueryError error={program.error} onRetry={() => void program.refetch()} />;
  return <EarningForm saved={program.data} />;
}

/** The form over a loaded program; exported for its render test. */
export function EarningForm({ saved }: { saved: ProgramSettingsView }) {
  const t = useTranslations('earning');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const exponent = useMemo(() => currencyExponent(saved.currency), [saved.currency]);
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(saved, exponent));
  const [dirty, setDirty] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  // Which action each sent rule was, so the server's indexes find their rows.
  const [actionOrder, setActionOrder] = useState<EarnAction[]>([]);

  const update = useMutation(
    trpc.program.update.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(trpc.program.get.queryKey(), result);
        setDraft(toDraft(result, exponent));
        setDirty(false);
        setJustSaved(true);
      },
    }),
  );
  const errors = useSettingsErrors(update.error);

  function change(next: Partial<SettingsDraft>) {
    setDraft((current) => ({ ...current, ...next }));
    setDirty(true);
    setJustSaved(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const { patch, actionOrder: order } = toPatch(draft, exponent);
    setActionOrder(order);
    setJustSaved(false);
    update.mutate(patch);
  }

  const formError = update.error ? (errors.any ? t('fixErrors') : errorText(update.error)) : null;

  return (
    <form className="stack earning-settings" onSubmit={submit} noValidate data-testid="earning-form">
      <PurchaseRuleFields
        purchase={draft.purchase}
        onChange={(purchase) => change({ purchase })}
        errors={errors}
        currency={saved.currency}
        exponent={exponent}
      />
      <ActionRuleFields
        actions={draft.actions}
        onChange={(actions) => change({ actions })}
        errors={errors}
        actionOrder={actionOrder}
      />
      <ExpiryFields draft={draft} onChange={change} errors={errors} />
      <TierSettingsFields
        tiers={draft.tiers}
        onChange={(tiers) => change({ tiers })}
        errors={errors}
        currency={saved.currency}
      />
      <div className="earning-settings__actions">
        <RequireAccess access="edit">
          <button
            type="submit"
            className="button button--primary"
            disabled={update.isPending}
            data-testid="earning-save"
          >
            {update.isPending ? t('saving') : t('save')}
          </button>
        </RequireAccess>
        {formError && (
          <span className="field__error" role="alert" data-testid="earning-error">
            {formError}
          </span>
        )}
        {!formError && justSaved && (
          <span className="field__help" role="status" data-testid="earning-saved">
            {t('saved')}
          </span>
        )}
        {!formError && dirty && (
          <span className="muted" data-testid="earning-dirty">
            {t('unsaved')}
          </span>
        )}
      </div>
    </form>
  );
}
