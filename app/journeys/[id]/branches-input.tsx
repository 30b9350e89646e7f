'use client';

import { useTranslations } from 'next-intl';
import { conditionSubjects, type ConditionRule } from '../../../workflows/journey/nodes/condition';
import type { PickerOption } from './config-panel';
import { FilterOperatorSelect, FilterValueInput, needsValue } from './filter-operator-select';

type Rule = Partial<ConditionRule> & Record<string, unknown>;
type Branch = { rules: Rule[] };
type Subject = (typeof conditionSubjects)[number];

/** A new rule of a subject, with the fields its schema needs. */
function freshRule(subject: Subject): Rule {
  switch (subject) {
    case 'attribute':
    case 'event':
      return { subject, property: '', operator: 'equals', value: '' };
    case 'balance':
      return { subject, operator: 'greater_or_equal', value: 100 };
    case 'tier':
      return { subject, operator: 'at_least', tierId: '' };
    case 'segment':
      return { subject, operator: 'in', segmentId: '' };
    case 'email':
      return { subject, operator: 'opened', stepId: '' };
  }
}

/**
 * The condition's branches: each a list of rules that must all hold; the first branch
 * that matches is taken, else "otherwise". Errors arrive by path (`0.rules.1.value`).
 */
export function BranchesInput(props: {
  id: string;
  value: unknown;
  errors: ReadonlyMap<string, string>;
  tiers: readonly PickerOption[];
  segments: readonly PickerOption[];
  onChange: (value: unknown) => void;
  testId: string;
}) {
  const t = useTranslations('configPanel');
  const branches: Branch[] = Array.isArray(props.value) ? (props.value as Branch[]) : [];
  const setBranches = (next: Branch[]) => props.onChange(next);
  const setRule = (b: number, r: number, rule: Rule) =>
    setBranches(
      branches.map((branch, i) =>
        i === b ? { rules: branch.rules.map((old, j) => (j === r ? rule : old)) } : branch,
      ),
    );
  const subjectLabels: Record<Subject, string> = {
    attribute: t('subjects.attribute'),
    event: t('subjects.event'),
    balance: t('subjects.balance'),
    tier: t('subjects.tier'),
    segment: t('subjects.segment'),
    email: t('subjects.email'),
  };
  return (
    <div className="config-rows" id={props.id}>
      {branches.map((branch, b) => (
        <fieldset key={b} className="config-branch" data-testid={`${props.testId}-${b}`}>
          <legend className="config-branch__legend">
            {t('branchNumber', { n: b + 1 })}
            {branches.length > 1 && (
              <button
                type="button"
                className="button button--small"
                aria-label={t('removeBranch')}
                onClick={() => setBranches(branches.filter((_, i) => i !== b))}
                data-testid={`${props.testId}-${b}-remove`}
              >
                ×
              </button>
            )}
          </legend>
          {(branch.rules ?? []).map((rule, r) => {
            const path = `${b}.rules.${r}`;
            const error = [...props.errors].find(([key]) => key.startsWith(`${path}.`) || key === path)?.[1];
            const testId = `${props.testId}-${b}-${r}`;
            return (
              <div key={r} className="config-rows__row">
                <div className="config-row">
                  {r > 0 && <span className="config-row__label">{t('and')}</span>}
                  <select
                    className="select"
                    aria-label={t('subject')}
                    value={rule.subject ?? 'attribute'}
                    onChange={(event) => setRule(b, r, freshRule(event.target.value as Subject))}
                    data-testid={`${testId}-subject`}
                  >
                    {conditionSubjects.map((subject) => (
                      <option key={subject} value={subject}>
                        {subjectLabels[subject]}
                      </option>
                    ))}
                  </select>
                  <RuleFields
                    rule={rule}
                    testId={testId}
                    tiers={props.tiers}
                    segments={props.segments}
                    errors={props.errors}
                    path={path}
                    onChange={(next) => setRule(b, r, next)}
                  />
                  {branch.rules.length > 1 && (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('removeRule')}
                      onClick={() =>
                        setBranches(
                          branches.map((old, i) =>
                            i === b ? { rules: old.rules.filter((_, j) => j !== r) } : old,
                          ),
                        )
                      }
                      data-testid={`${testId}-remove`}
                    >
                      ×
                    </button>
                  )}
                </div>
                {error && <span className="field__error">{error}</span>}
                {rule.subject === 'segment' && <span className="field__help">{t('segmentsNotYet')}</span>}
                {rule.subject === 'email' && <span className="field__help">{t('emailTrackingNote')}</span>}
              </div>
            );
          })}
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              setBranches(
                branches.map((old, i) => (i === b ? { rules: [...old.rules, freshRule('attribute')] } : old)),
              )
            }
            data-testid={`${props.testId}-${b}-add-rule`}
          >
            {t('addRule')}
          </button>
        </fieldset>
      ))}
      {branches.length < 10 && (
        <button
          type="button"
          className="button button--small"
          onClick={() => setBranches([...branches, { rules: [freshRule('attribute')] }])}
          data-testid={`${props.testId}-add`}
        >
          {t('addBranch')}
        </button>
      )}
      <span className="field__help">{t('otherwiseHelp')}</span>
    </div>
  );
}

function RuleFields(props: {
  rule: Rule;
  testId: string;
  path: string;
  tiers: readonly PickerOption[];
  segments: readonly PickerOption[];
  errors: ReadonlyMap<string, string>;
  onChange: (rule: Rule) => void;
}) {
  const t = useTranslations('configPanel');
  const { rule, testId, onChange } = props;
  const invalid = (field: string) => props.errors.has(`${props.path}.${field}`);
  const text = (field: 'property' | 'stepId', label: string) => (
    <input
      className={invalid(field) ? 'input input--invalid' : 'input'}
      type="text"
      aria-label={label}
      value={typeof rule[field] === 'string' ? (rule[field] as string) : ''}
      onChange={(event) => onChange({ ...rule, [field]: event.target.value })}
      data-testid={`${testId}-${field}`}
    />
  );
  const choice = (options: Array<[string, string]>) => (
    <select
      className="select"
      aria-label={t('operator')}
      value={String(rule.operator ?? options[0]![0])}
      onChange={(event) => onChange({ ...rule, operator: event.target.value } as Rule)}
      data-testid={`${testId}-operator`}
    >
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
  switch (rule.subject) {
    case 'balance':
      return (
        <>
          {choice([
            ['greater_or_equal', t('operators.greater_or_equal')],
            ['less_than', t('operators.less_than')],
            ['equals', t('operators.equals')],
          ])}
          <input
            className={
              invalid('value') ? 'input input--invalid config-row__number' : 'input config-row__number'
            }
            type="number"
            step={1}
            aria-label={t('value')}
            value={typeof rule.value === 'number' ? rule.value : ''}
            onChange={(event) =>
              onChange({
                ...rule,
                value: event.target.value === '' ? null : Number(event.target.value),
              } as Rule)
            }
            data-testid={`${testId}-value`}
          />
        </>
      );
    case 'tier':
      return (
        <>
          {choice([
            ['at_least', t('tierOperators.at_least')],
            ['is', t('tierOperators.is')],
            ['is_not', t('tierOperators.is_not')],
          ])}
          <select
            className={invalid('tierId') ? 'select input--invalid' : 'select'}
            aria-label={t('ruleFields.tierId')}
            value={typeof rule.tierId === 'string' ? rule.tierId : ''}
            onChange={(event) => onChange({ ...rule, tierId: event.target.value } as Rule)}
            data-testid={`${testId}-tierId`}
          >
            <option value="">{t('choose', { kind: 'tier' })}</option>
            {props.tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tier.name}
              </option>
            ))}
          </select>
        </>
      );
    case 'segment':
      return (
        <>
          {choice([
            ['in', t('segmentOperators.in')],
            ['not_in', t('segmentOperators.not_in')],
          ])}
          <select
            className={invalid('segmentId') ? 'select input--invalid' : 'select'}
            aria-label={t('ruleFields.segmentId')}
            value={typeof rule.segmentId === 'string' ? rule.segmentId : ''}
            onChange={(event) => onChange({ ...rule, segmentId: event.target.value } as Rule)}
            data-testid={`${testId}-segmentId`}
          >
            <option value="">{t('choose', { kind: 'segment' })}</option>
            {typeof rule.segmentId === 'string' &&
              rule.segmentId !== '' &&
              !props.segments.some((segment) => segment.id === rule.segmentId) && (
                <option value={rule.segmentId}>
                  {t('missing', { kind: 'segment', id: rule.segmentId })}
                </option>
              )}
            {props.segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        </>
      );
    case 'email':
      return (
        <>
          {text('stepId', t('ruleFields.stepId'))}
          {choice([
            ['opened', t('emailOperators.opened')],
            ['not_opened', t('emailOperators.not_opened')],
            ['clicked', t('emailOperators.clicked')],
            ['not_clicked', t('emailOperators.not_clicked')],
          ])}
        </>
      );
    default:
      return (
        <>
          {text('property', t('ruleFields.property'))}
          <FilterOperatorSelect
            value={String(rule.operator ?? 'equals')}
            onChange={(operator) => onChange({ ...rule, operator } as Rule)}
            testId={`${testId}-operator`}
          />
          {needsValue(String(rule.operator ?? 'equals')) && (
            <FilterValueInput
              value={rule.value}
              invalid={invalid('value')}
              onChange={(value) => onChange({ ...rule, value } as Rule)}
              testId={`${testId}-value`}
            />
          )}
        </>
      );
  }
}
