'use client';

import { useTranslations } from 'next-intl';
import type { PropertyFilter } from '../../../workflows/journey/property-filter';
import { FilterOperatorSelect, FilterValueInput, needsValue } from './filter-operator-select';

type Row = Partial<PropertyFilter>;

/** Property filter rows (property, operator, value); all must hold. Errors arrive by row path (`0.value`). */
export function FiltersInput(props: {
  id: string;
  value: unknown;
  errors: ReadonlyMap<string, string>;
  onChange: (value: unknown) => void;
  testId: string;
}) {
  const t = useTranslations('configPanel');
  const rows: Row[] = Array.isArray(props.value) ? (props.value as Row[]) : [];
  const update = (index: number, patch: Row) =>
    props.onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="config-rows" id={props.id}>
      {rows.length === 0 && <span className="field__help">{t('noFilters')}</span>}
      {rows.map((row, index) => {
        const error = props.errors.get(`${index}.property`) ?? props.errors.get(`${index}.value`);
        return (
          <div key={index} className="config-rows__row" data-testid={`${props.testId}-row-${index}`}>
            <div className="config-row">
              <input
                className={props.errors.has(`${index}.property`) ? 'input input--invalid' : 'input'}
                type="text"
                aria-label={t('property')}
                value={row.property ?? ''}
                onChange={(event) => update(index, { property: event.target.value })}
                data-testid={`${props.testId}-${index}-property`}
              />
              <FilterOperatorSelect
                value={row.operator ?? 'equals'}
                onChange={(operator) => update(index, { operator })}
                testId={`${props.testId}-${index}-operator`}
              />
              {needsValue(row.operator ?? 'equals') && (
                <FilterValueInput
                  value={row.value}
                  invalid={props.errors.has(`${index}.value`)}
                  onChange={(value) => update(index, { value })}
                  testId={`${props.testId}-${index}-value`}
                />
              )}
              <button
                type="button"
                className="button button--small"
                aria-label={t('removeFilter')}
                onClick={() => props.onChange(rows.filter((_, i) => i !== index))}
                data-testid={`${props.testId}-${index}-remove`}
              >
                ×
              </button>
            </div>
            {error && <span className="field__error">{error}</span>}
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small"
        onClick={() => props.onChange([...rows, { property: '', operator: 'equals', value: '' }])}
        data-testid={`${props.testId}-add`}
      >
        {t('addFilter')}
      </button>
    </div>
  );
}
