'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { CreatedApiKey } from './api-keys-page';

/**
 * The new key, shown this once: only its hash is stored, so nobody (us included) can show
 * it again. A copy button, and a plain selectable field for browsers that refuse the
 * clipboard (pages over plain http on another host).
 */
export function CreatedKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const t = useTranslations('apiKeys.created');
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <section className="card" data-testid="created-api-key">
      <div className="card__header">
        <h2>{t('title', { name: created.name })}</h2>
      </div>
      <div className="card__body stack">
        <div className="alert alert--warning" role="alert">
          {t('warning')}
        </div>
        <div className="inline-form">
          <input
            className="input input--code"
            readOnly
            value={created.key}
            aria-label={t('keyLabel')}
            onFocus={(event) => event.target.select()}
            data-testid="created-api-key-value"
          />
          <button
            type="button"
            className="button button--primary"
            onClick={copyKey}
            data-testid="copy-api-key"
          >
            {copy === 'copied' ? t('copied') : t('copy')}
          </button>
          <button type="button" className="button" onClick={onDone} data-testid="created-api-key-done">
            {t('done')}
          </button>
        </div>
        {copy === 'failed' && (
          <span className="field__error" role="alert">
            {t('copyFailed')}
          </span>
        )}
      </div>
    </section>
  );
}
