'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import type { SegmentRules } from '../../db/segments/segment-rules';
import { FormField, invalidClass } from '../_components/form-field';
import { Loading, QueryError } from '../_components/query-state';
import { useErrorText } from '../_i18n/use-error-text';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useIssueText } from '../_i18n/use-issue-text';
import { useFormats } from '../_i18n/use-formats';
import { useTRPC } from '../_trpc/react';
import { currencyExponent } from '../loyalty/tiers/tier-values';
import { freshRule, type RuleDraft, type RulesDraft } from './rule-draft';
import { RuleRow } from './rule-row';
import { SegmentPreview } from './segment-preview';
import { RequireAccess } from '../_components/require-access';

interface SegmentDraft {
  name: string;
  description: string;
  rules: RulesDraft;
}

const emptyDraft: SegmentDraft = {
  name: '',
  description: '',
  rules: { match: 'all', rules: [freshRule('event')] },
};

/** Creates a segment (`segmentId` null) or edits one; loads the saved one first. */
export function SegmentEditor({ segmentId }: { segmentId: string | null }) {
  const trpc = useTRPC();
  const saved = useQuery({
    ...trpc.segments.get.queryOptions({ id: segmentId ?? '' }),
    enabled: segmentId !== null,
  });
  if (segmentId === null) return <SegmentForm segmentId={null} initial={emptyDraft} />;
  if (saved.isPending) return <Loading />;
  if (saved.isError) return <QueryError error={saved.error} onRetry={() => void saved.refetch()} />;
  const { segment } = saved.data;
  return (
    <SegmentForm
      key={segment.id}
      segmentId={segment.id}
      initial={{
        name: segment.name,
        description: segment.description,
        rules: segment.rules as RulesDraft,
      }}
      evaluatedAt={segment.evaluatedAt}
      memberCount={segment.memberCount}
    />
  );
}

function SegmentForm(props: {
  segmentId: string | null;
  initial: SegmentDraft;
  evaluatedAt?: Date | null;
  memberCount?: number;
}) {
  const t = useTranslations('segments.editor');
  const issueText = useIssueText();
  const errorText = useErrorText();
  const format = useFormats();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SegmentDraft>(props.initial);
  const [notice, setNotice] = useState<string | null>(null);
  const picker = useQuery(trpc.journeys.pickerOptions.queryOptions());
  const tierList = useQuery(trpc.tiers.list.queryOptions());
  const currency = tierList.data?.currency ?? 'EUR';
  const exponent = useMemo(() => currencyExponent(currency), [currency]);

  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.segments.list.queryFilter());
    if (props.segmentId) await queryClient.invalidateQueries(trpc.segments.get.queryFilter());
  };
  const describeEvaluation = (evaluation: { entered: number; exited: number; memberCount: number }) =>
    t('evaluated', evaluation);
  const create = useMutation(
    trpc.segments.create.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        router.push(`/segments/${result.id}`);
      },
    }),
  );
  const update = useMutation(
    trpc.segments.update.mutationOptions({
      onSuccess: async (result) => {
        setNotice(describeEvaluation(result.evaluation));
        await refresh();
      },
    }),
  );
  const evaluate = useMutation(
    trpc.segments.evaluate.mutationOptions({
      onSuccess: async (evaluation) => {
        setNotice(describeEvaluation(evaluation));
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.segments.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.segments.list.queryFilter());
        router.push('/segments');
      },
    }),
  );
  const mutation = props.segmentId ? update : create;
  const errors = useInputErrors(mutation.error);
  const taken = mutation.error?.data?.inputIssues?.some(
    (issue) => issue.path === 'name' && issue.kind === 'invalid',
  );
  const nameError = taken ? t('nameTaken') : errors.field('name');
  // Paths name the whole input: the rule list is `rules.rules`, a rule's field `rules.rules.<i>.<field>`.
  const rulesError = errors.field('rules.rules');
  const ruleError = (index: number) => (field: string) => {
    const path = `rules.rules.${index}.${field}`;
    const issue = mutation.error?.data?.inputIssues?.find((candidate) => candidate.path === path);
    if (!issue) return undefined;
    if (field === 'tierId' && issue.kind === 'invalid') return t('unknownTier');
    return issueText(issue, field === 'tierId' ? 'choice' : 'value');
  };
  const nestedErrors = (index: number): ReadonlyMap<string, string> => {
    const prefix = `rules.rules.${index}.filters.`;
    return new Map(
      (mutation.error?.data?.inputIssues ?? [])
        .filter((issue) => issue.path.startsWith(prefix))
        .map((issue) => [issue.path.slice(prefix.length), issueText(issue)] as const),
    );
  };

  const setRules = (rules: RuleDraft[]) => setDraft({ ...draft, rules: { ...draft.rules, rules } });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    setNotice(null);
    const fields = {
      name: draft.name,
      description: draft.description,
      rules: draft.rules as unknown as SegmentRules,
    };
    if (props.segmentId) update.mutate({ ...fields, id: props.segmentId });
    else create.mutate(fields);
  }

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <Link href="/segments" className="muted">
            {t('back')}
          </Link>
          <h1>{props.segmentId ? props.initial.name : t('newTitle')}</h1>
          {props.segmentId && (
            <span className="page-header__subtitle" data-testid="segment-status">
              {props.evaluatedAt
                ? t('status', { count: props.memberCount ?? 0, at: format.dateTime(props.evaluatedAt) })
                : t('neverEvaluated')}
            </span>
          )}
        </div>
        {props.segmentId && (
          <div className="toolbar">
            <button
              type="button"
              className="button"
              disabled={evaluate.isPending}
              onClick={() => evaluate.mutate({ id: props.segmentId! })}
              data-testid="segment-evaluate"
            >
              {evaluate.isPending ? t('evaluating') : t('evaluate')}
            </button>
            <RequireAccess access="edit">
              <button
                type="button"
                className="button button--danger"
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('confirmDelete', { name: props.initial.name })))
                    remove.mutate({ id: props.segmentId! });
                }}
                data-testid="segment-delete"
              >
                {t('delete')}
              </button>
            </RequireAccess>
          </div>
        )}
      </div>
      {notice && (
        <div className="alert alert--success" role="status" data-testid="segment-notice">
          {notice}
        </div>
      )}
      {(remove.error ?? evaluate.error) && (
        <div className="alert alert--error" role="alert" data-testid="segment-action-error">
          {remove.error?.data?.code === 'PRECONDITION_FAILED'
            ? t('inUse')
            : errorText((remove.error ?? evaluate.error)!)}
        </div>
      )}
      <div className="segment-editor">
        <form className="card segment-editor__form" onSubmit={submit} noValidate data-testid="segment-form">
          <div className="card__body">
            <FormField id="segment-name" label={t('name')} error={nameError} errorTestId="segment-name-error">
              <input
                id="segment-name"
                className={invalidClass(nameError, 'input')}
                value={draft.name}
                maxLength={100}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
                aria-invalid={nameError ? true : undefined}
                data-testid="segment-name"
              />
            </FormField>
            <FormField id="segment-description" label={t('description')} error={errors.field('description')}>
              <textarea
                id="segment-description"
                className={invalidClass(errors.field('description'), 'input')}
                value={draft.description}
                maxLength={500}
                rows={2}
                onChange={(event) => setDraft({ ...draft, description: event.target.value })}
                data-testid="segment-description"
              />
            </FormField>
            <FormField
              id="segment-match"
              label={t('match')}
              error={rulesError}
              errorTestId="segment-rules-error"
            >
              <select
                id="segment-match"
                className="select"
                value={draft.rules.match}
                onChange={(event) =>
                  setDraft({
                    ...draft,
                    rules: { ...draft.rules, match: event.target.value as 'all' | 'any' },
                  })
                }
                data-testid="segment-match"
              >
                <option value="all">{t('matchAll')}</option>
                <option value="any">{t('matchAny')}</option>
              </select>
            </FormField>
            <div className="segment-rules" data-testid="segment-rules">
              {draft.rules.rules.map((rule, index) => (
                <RuleRow
                  key={index}
                  index={index}
                  rule={rule}
                  tiers={picker.data?.tier ?? []}
                  eventNames={(picker.data?.eventName ?? []).map((option) => option.name)}
                  currency={currency}
                  currencyExponent={exponent}
                  error={ruleError(index)}
                  nestedErrors={nestedErrors(index)}
                  onChange={(next) => setRules(draft.rules.rules.map((old, i) => (i === index ? next : old)))}
                  onRemove={() => setRules(draft.rules.rules.filter((_, i) => i !== index))}
                />
              ))}
              <button
                type="button"
                className="button button--small"
                onClick={() => setRules([...draft.rules.rules, freshRule('attribute')])}
                data-testid="segment-add-rule"
              >
                {t('addRule')}
              </button>
            </div>
          </div>
          <div className="card__footer workspace-form__actions">
            <RequireAccess access="edit">
              <button
                type="submit"
                className="button button--primary"
                disabled={mutation.isPending}
                data-testid="segment-save"
              >
                {mutation.isPending ? t('saving') : t('save')}
              </button>
            </RequireAccess>
            {errors.other && (
              <span className="field__error" role="alert" data-testid="segment-form-error">
                {errors.other}
              </span>
            )}
          </div>
        </form>
        <SegmentPreview rules={draft.rules} />
      </div>
    </>
  );
}
