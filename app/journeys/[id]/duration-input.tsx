'use client';

import { useTranslations } from 'next-intl';
import { durationUnits, type DurationUnit } from '../../../workflows/journey/duration';

interface DurationValue {
  amount: number | null;
  unit: DurationUnit;
}

function asDuration(value: unknown): DurationValue {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<DurationValue>;
  return {
    amount: typeof v.amount === 'number' && Number.isFinite(v.amount) ? v.amount : null,
    unit: durationUnits.includes(v.unit as DurationUnit) ? (v.unit as DurationUnit) : 'days',
  };
}

/** `{ amount, unit }`: a number and its unit side by side ("3 days"). */
export function DurationInput(props: {
  id: string;
  value: unknown;
  invalid: boolean;
  onChange: (value: unknown) => void;
  testId: string;
}) {
  const t = useTranslations('configPanel');
  const { amount, unit } = asDuration(props.value);
  const unitLabels: Record<DurationUnit, string> = {
    seconds: t('units.seconds'),
    minutes: t('units.minutes'),
    hours: t('units.hours'),
    days: t('units.days'),
    weeks: t('units.weeks'),
  };
  return (
    <div className="config-row">
      <input
        id={props.id}
        className={props.invalid ? 'input input--invalid config-row__number' : 'input config-row__number'}
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={amount ?? ''}
        onChange={(event) =>
          props.onChange({ amount: event.target.value === '' ? null : Number(event.target.value), unit })
        }
        data-testid={`${props.testId}-amount`}
      />
      <select
        className="select"
        aria-label={t('unit')}
        value={unit}
        onChange={(event) => props.onChange({ amount, unit: event.target.value })}
        data-testid={`${props.testId}-unit`}
      >
        {durationUnits.map((option) => (
          <option key={option} value={option}>
            {unitLabels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
