'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';

// Monday first, as calendars in our markets show the week; values are Date#getDay numbers.
const order = [1, 2, 3, 4, 5, 6, 0];

/** Weekday toggles; none chosen means every day. */
export function WeekdaysInput(props: {
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  testId: string;
}) {
  const t = useTranslations('configPanel');
  const locale = useLocale();
  const names = useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    // 2023-01-01 was a Sunday: day d of that week is weekday d.
    return order.map((day) => ({ day, name: format.format(new Date(Date.UTC(2023, 0, 1 + day))) }));
  }, [locale]);
  const chosen = Array.isArray(props.value) ? (props.value as number[]) : [];
  const toggle = (day: number) =>
    props.onChange(
      chosen.includes(day) ? chosen.filter((d) => d !== day) : [...chosen, day].sort((a, b) => a - b),
    );
  return (
    <div className="config-weekdays" id={props.id} role="group" aria-describedby={`${props.id}-help`}>
      {names.map(({ day, name }) => (
        <label key={day} className="config-weekdays__day">
          <input
            type="checkbox"
            className="checkbox"
            checked={chosen.includes(day)}
            onChange={() => toggle(day)}
            data-testid={`${props.testId}-${day}`}
          />
          {name}
        </label>
      ))}
      <span id={`${props.id}-help`} className="field__help">
        {chosen.length === 0 ? t('everyDay') : t('onlyChosenDays')}
      </span>
    </div>
  );
}
