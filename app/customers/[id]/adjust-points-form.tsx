'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useIssueText } from '../../_i18n/use-issue-text';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';
import { FormField, invalidClass } from '../../_components/form-field';

/**
 * A manual correction of the balance: signed points and a required reason. Each submission
 * carries an idempotency key made once in the browser and kept until it succeeds or the
 * values change, so a double click or a retried request is booked once, not twice.
 */
export function AdjustPointsForm({ customerId }: { customerId: string }) {
  const t = useTranslations('customer.adjust');
  const format = useFormats();
  const issueText = useIssueText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pointsText, setPointsText] = useState('');
  const [reason, setReason] = useState('');
  const [pointsProblem, setPointsProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The key of the values on screen; null until they are first submitted.
  const idempotencyKey = useRef<string | null>(null);

  const adjust = useMutation(
    trpc.customers.adjustPoints.mutationOptions({
      // The key makes a resend harmless, so a request that got no answer is tried again.
      retry: (failures, error) => !error.data && failures < 2,
      onSuccess: async (result) => {
        idempotencyKey.current = null;
        setPointsText('');
        setReason('');
        setNotice(
          result.replayed
            ? t('replayed')
            : t('applied', { points: format.signedPoints(result.points), balance: result.balance }),
        );
        await queryClient.invalidateQueries(trpc.customers.get.queryFilter({ id: customerId }));
      },
    }),
  );
  const errors = useInputErrors(adjust.error);
  const pointsError = pointsProblem ?? errors.field('points');
  const reasonError = errors.field('reason');
  const shortage = adjust.error?.data?.insufficientPoints;
  const formError = shortage
    ? t('insufficient', { balance: shortage.balance, requested: shortage.requested })
    : adjust.error?.data?.code === 'CONFLICT'
      ? t('conflict')
      : errors.other;

  /** Other values are another adjustment: they get a key of their own. */
  function edited() {
    idempotencyKey.current = null;
    setPointsProblem(null);
    setNotice(null);
    // An answer about the old values would mislead next to the new ones.
    if (!adjust.isPending) adjust.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (adjust.isPending) return;
    setNotice(null);
    // An empty or zero amount is caught here: the browser knows it without asking the server.
    if (pointsText.trim() === '') return setPointsProblem(issueText({ kind: 'required' }));
    const points = Number(pointsText);
    if (points === 0) return setPointsProblem(t('zero'));
    setPointsProblem(null);
    if (points < 0 && !window.confirm(t('confirmNegative', { points: -points }))) return;
    idempotencyKey.current ??= crypto.randomUUID();
    adjust.mutate({ customerId, points, reason, idempotencyKey: idempotencyKey.current });
  }

  return (
    <form className="card" onSubmit={submit} data-testid="adjust-form" noValidate>
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body">
        <FormField
          id="adjust-points"
          label={t('points')}
          error={pointsError}
          help={t('pointsHelp')}
          errorTestId="adjust-points-error"
        >
          <input
            id="adjust-points"
            type="number"
            step={1}
            inputMode="numeric"
            className={invalidClass(pointsError, 'input')}
            value={pointsText}
            onChange={(event) => {
              setPointsText(event.target.value);
              edited();
            }}
            aria-invalid={pointsError ? true : undefined}
            data-testid="adjust-points"
          />
        </FormField>
        <FormField
          id="adjust-reason"
          label={t('reason')}
          error={reasonError}
          errorTestId="adjust-reason-error"
        >
          <input
            id="adjust-reason"
            className={invalidClass(reasonError, 'input')}
            value={reason}
            maxLength={200}
            onChange={(event) => {
              setReason(event.target.value);
              edited();
            }}
            placeholder={t('reasonPlaceholder')}
            aria-invalid={reasonError ? true : undefined}
            data-testid="adjust-reason"
          />
        </FormField>
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={adjust.isPending}
            data-testid="adjust-submit"
          >
            {adjust.isPending ? t('submitting') : t('submit')}
          </button>
          {formError && (
            <span className="field__error" role="alert" data-testid="adjust-error">
              {formError}
            </span>
          )}
          {notice && !adjust.error && (
            <span className="field__help" role="status" data-testid="adjust-notice">
              {notice}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
