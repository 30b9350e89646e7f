'use client';

import { useTranslations } from 'next-intl';
import { filterOperators, type FilterOperator } from '../../../workflows/journey/property-filter';

/** The property-filter operators in words ("is at least"), shared by filter rows and condition rules. */
export function useOperatorLabels(): Record<FilterOperator, string> {
  const t = useTranslations('configPanel.operators');
  return {
    equals: t('equals'),
    not_equals: t('not_equals'),
    contains: t('contains'),
    greater_than: t('greater_than'),
    greater_or_equal: t('greater_or_equal'),
    less_than: t('less_than'),
    less_or_equal: t('less_or_equal'),
    exists: t('exists'),
    not_exists: t('not_exists'),
  };
}

export function FilterOperatorSelect(props: {
  value: string;
  onChange: (operator: FilterOperator) => void;
  testId: string;
  operators?: readonly FilterOperator[];
}) {
  const t = useTranslations('configPanel');
  const labels = useOperatorLabels();
  return (
    <select
      className="select"
      aria-label={t('operator')}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as FilterOperator)}
      data-testid={props.testId}
    >
      {(props.operators ?? filterOperators).map((operator) => (
        <option key={operator} value={operator}>
          {labels[operator]}
        </option>
      ))}
    </select>
  );
}

/** Whether an operator compares with a value (`exists` does not). */
export function needsValue(operator: string): boolean {
  return operator !== 'exists' && operator !== 'not_exists';
}

/** A typed value stays text; the filter compares numerically when both sides are numbers. */
export function FilterValueInput(props: {
  value: unknown;
  invalid: boolean;
  onChange: (value: string) => void;
  testId: string;
}) {
  const t = useTranslations('configPanel');
  return (
    <input
      className={props.invalid ? 'input input--invalid' : 'input'}
      type="text"
      aria-label={t('value')}
      value={props.value === null || props.value === undefined ? '' : String(props.value)}
      onChange={(event) => props.onChange(event.target.value)}
      data-testid={props.testId}
    />
  );
}
