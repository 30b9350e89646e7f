'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/**
 * A secret the server answers once (a generated password): a selectable field and a copy
 * button, for handing it over. Nobody can show it again, so the page says so.
 */
export function ShownOnceSecret({ value, label, testId }: { value: string; label: string; testId: string }) {
  const t = useTranslations('shownOnce');
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copyValue() {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }
  return (
    <div className="inline-form">
      <input
        className="input input--code"
        readOnly
        value={value}
        aria-label={label}
        onFocus={(event) => event.target.select()}
        data-testid={testId}
      />
      <button type="button" className="button" onClick={copyValue}>
        {copy === 'copied' ? t('copied') : t('copy')}
      </button>
      {copy === 'failed' && <span className="field__help">{t('copyFailed')}</span>}
    </div>
  );
}
