'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import {
  attributeFields,
  numberOperators,
  segmentRuleSubjects,
  type AttributeField,
  type NumberOperator,
  type SegmentRuleSubject,
} from '../../db/segments/segment-rules';
import { EventNameInput } from '../journeys/[id]/event-name-input';
import { FilterOperatorSelect, FilterValueInput, needsValue } from '../journeys/[id]/filter-operator-select';
import { FiltersInput } from '../journeys/[id]/filters-input';
import { freshRule, minorUnits, numberOrNull, type RuleDraft } from './rule-draft';

export interface PickerChoice {
  id: string;
  name: string;
}

/**
 * One rule of the builder: its subject, then the inputs that subject needs. Errors come
 * from the server by field (`error('days')`), shown under the row.
 */
export function RuleRow(props: {
  index: number;
  rule: RuleDraft;
  tiers: readonly PickerChoice[];
  eventNames: readonly string[];
  currency: string;
  currencyExponent: number;
  error: (field: string) => string | undefined;
  nestedErrors: ReadonlyMap<string, string>;
  onChange: (rule: RuleDraft) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('segments.rules');
  const { rule, index, onChange } = props;
  const testId = `segment-rule-${index}`;
  const set = (patch: Record<string, unknown>) => onChange({ ...rule, ...patch });
  const invalid = (field: string) => props.error(field) !== undefined;
  const subjectLabels: Record<SegmentRuleSubject, string> = {
    attribute: t('subjects.attribute'),
    event: t('subjects.event'),
    balance: t('subjects.balance'),
    tier: t('subjects.tier'),
    lifetime_spend: t('subjects.lifetime_spend'),
    signed_up_within_days: t('subjects.signed_up_within_days'),
  };
  const attributeLabels: Record<AttributeField, string> = {
    email: t('attributeFields.email'),
    locale: t('attributeFields.locale'),
    timeZone: t('attributeFields.timeZone'),
    marketingConsent: t('attributeFields.marketingConsent'),
    custom: t('attributeFields.custom'),
  };
  const numberOperatorLabels: Record<NumberOperator, string> = {
    greater_or_equal: t('numberOperators.greater_or_equal'),
    greater_than: t('numberOperators.greater_than'),
    less_than: t('numberOperators.less_than'),
    less_or_equal: t('numberOperators.less_or_equal'),
    equals: t('numberOperators.equals'),
  };
  const select = (field: string, label: string, options: ReadonlyArray<readonly [string, string]>) => (
    <select
      className={invalid(field) ? 'select input--invalid' : 'select'}
      aria-label={label}
      value={String(rule[field] ?? '')}
      onChange={(event) => set({ [field]: event.target.value })}
      data-testid={`${testId}-${field}`}
    >
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );
  const number = (field: string, label: string, suffix?: string) => (
    <span className="segment-rule__number">
      <input
        className={invalid(field) ? 'input input--invalid' : 'input'}
        type="number"
        inputMode="numeric"
        step={1}
        aria-label={label}
        value={typeof rule[field] === 'number' ? String(rule[field]) : ''}
        onChange={(event) => set({ [field]: numberOrNull(event.target.value) })}
        data-testid={`${testId}-${field}`}
      />
      {suffix && <span className="muted">{suffix}</span>}
    </span>
  );
  // "Ever" or "in the last N days": null days is ever.
  const within = () => (
    <>
      <select
        className="select"
        aria-label={t('window.label')}
        value={rule.withinDays === null || rule.withinDays === undefined ? 'ever' : 'days'}
        onChange={(event) => set({ withinDays: event.target.value === 'ever' ? null : 30 })}
        data-testid={`${testId}-window`}
      >
        <option value="ever">{t('window.ever')}</option>
        <option value="days">{t('window.days')}</option>
      </select>
      {rule.withinDays !== null &&
        rule.withinDays !== undefined &&
        number('withinDays', t('window.days'), t('days'))}
    </>
  );
  const numberOperatorOptions = numberOperators.map((op) => [op, numberOperatorLabels[op]] as const);

  let fields: ReactNode;
  switch (rule.subject) {
    case 'attribute': {
      const consent = rule.field === 'marketingConsent';
      fields = (
        <>
          {select(
            'field',
            t('fields.field'),
            attributeFields.map((field) => [field, attributeLabels[field]] as const),
          )}
          {rule.field === 'custom' && (
            <input
              className={invalid('path') ? 'input input--invalid' : 'input'}
              type="text"
              placeholder={t('pathPlaceholder')}
              aria-label={t('fields.path')}
              value={typeof rule.path === 'string' ? rule.path : ''}
              onChange={(event) => set({ path: event.target.value })}
              data-testid={`${testId}-path`}
            />
          )}
          <FilterOperatorSelect
            value={String(rule.operator ?? 'equals')}
            operators={consent ? ['equals', 'not_equals'] : undefined}
            onChange={(operator) => set({ operator })}
            testId={`${testId}-operator`}
          />
          {needsValue(String(rule.operator ?? 'equals')) &&
            (consent ? (
              <select
                className="select"
                aria-label={t('fields.value')}
                value={rule.value === false ? 'false' : 'true'}
                onChange={(event) => set({ value: event.target.value === 'true' })}
                data-testid={`${testId}-value`}
              >
                <option value="true">{t('consentGiven')}</option>
                <option value="false">{t('consentNotGiven')}</option>
              </select>
            ) : (
              <FilterValueInput
                value={rule.value}
                invalid={invalid('value')}
                onChange={(value) => set({ value })}
                testId={`${testId}-value`}
              />
            ))}
        </>
      );
      break;
    }
    case 'event':
      fields = (
        <>
          <EventNameInput
            id={`${testId}-eventName`}
            value={rule.eventName}
            invalid={invalid('eventName')}
            suggestions={props.eventNames}
            onChange={(eventName) => set({ eventName })}
            testId={`${testId}-eventName`}
          />
          {select('count', t('fields.count'), [
            ['at_least', t('count.at_least')],
            ['at_most', t('count.at_most')],
          ])}
          {number('times', t('fields.times'), t('times'))}
          {within()}
          <div className="segment-rule__filters">
            <span className="field__help">{t('filtersHelp')}</span>
            <FiltersInput
              id={`${testId}-filters`}
              value={rule.filters}
              errors={props.nestedErrors}
              onChange={(filters) => set({ filters })}
              testId={`${testId}-filters`}
            />
          </div>
        </>
      );
      break;
    case 'balance':
      fields = (
        <>
          {select('operator', t('fields.operator'), numberOperatorOptions)}
          {number('points', t('fields.points'), t('points'))}
        </>
      );
      break;
    case 'tier':
      fields = (
        <>
          {select('operator', t('fields.operator'), [
            ['at_least', t('tierOperators.at_least')],
            ['none', t('tierOperators.none')],
          ])}
          {rule.operator === 'at_least' &&
            select('tierId', t('fields.tierId'), [
              ['', t('chooseTier')],
              ...props.tiers.map((tier) => [tier.id, tier.name] as const),
            ])}
        </>
      );
      break;
    case 'lifetime_spend': {
      const amount = typeof rule.amount === 'number' ? rule.amount / 10 ** props.currencyExponent : null;
      fields = (
        <>
          {select('operator', t('fields.operator'), numberOperatorOptions)}
          <span className="segment-rule__number">
            <input
              className={invalid('amount') ? 'input input--invalid' : 'input'}
              type="number"
              inputMode="decimal"
              step={1 / 10 ** props.currencyExponent}
              aria-label={t('fields.amount')}
              value={amount === null ? '' : String(amount)}
              onChange={(event) => set({ amount: minorUnits(event.target.value, props.currencyExponent) })}
              data-testid={`${testId}-amount`}
            />
            <span className="muted">{props.currency}</span>
          </span>
          {within()}
        </>
      );
      break;
    }
    case 'signed_up_within_days':
      fields = number('days', t('fields.days'), t('days'));
      break;
  }

  const errors = [
    'field',
    'path',
    'operator',
    'value',
    'eventName',
    'times',
    'withinDays',
    'points',
    'tierId',
    'amount',
    'days',
  ]
    .map((field) => props.error(field))
    .filter((text): text is string => text !== undefined);
  return (
    <div className="segment-rule" data-testid={testId}>
      <div className="segment-rule__fields">
        <select
          className="select"
          aria-label={t('fields.subject')}
          value={rule.subject}
          onChange={(event) => onChange(freshRule(event.target.value as SegmentRuleSubject))}
          data-testid={`${testId}-subject`}
        >
          {segmentRuleSubjects.map((subject) => (
            <option key={subject} value={subject}>
              {subjectLabels[subject]}
            </option>
          ))}
        </select>
        {fields}
        <button
          type="button"
          className="button button--small"
          onClick={props.onRemove}
          aria-label={t('remove')}
          data-testid={`${testId}-remove`}
        >
          ✕
        </button>
      </div>
      {errors.length > 0 && (
        <span className="field__error" data-testid={`${testId}-error`}>
          {errors.join(' · ')}
        </span>
      )}
    </div>
  );
}
