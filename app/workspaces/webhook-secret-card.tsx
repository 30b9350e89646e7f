'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '../_i18n/use-error-text';
import { useTRPC } from '../_trpc/react';
import { RequireAccess } from '../_components/require-access';

/** The current workspace's webhook signing secret, shown on request for the receiver's setup. */
export function WebhookSecretCard() {
  const t = useTranslations('webhookSecret');
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [visible, setVisible] = useState(false);
  const [copied, setCopied] = useState(false);
  const reveal = useMutation(
    trpc.webhooks.revealSecret.mutationOptions({ onSuccess: () => setVisible(true) }),
  );
  const secret = reveal.data?.secret;

  return (
    <section className="card" data-testid="webhook-secret">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body">
        <p className="muted">{t('description')}</p>
        {visible && secret ? (
          <div className="config-row">
            <input
              className="input input--code"
              readOnly
              aria-label={t('label')}
              value={secret}
              onFocus={(event) => event.target.select()}
              data-testid="webhook-secret-value"
            />
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
              }}
            >
              {copied ? t('copied') : t('copy')}
            </button>
            <button type="button" className="button button--small" onClick={() => setVisible(false)}>
              {t('hide')}
            </button>
          </div>
        ) : (
          <RequireAccess access="admin">
            <button
              type="button"
              className="button"
              disabled={reveal.isPending}
              onClick={() => (secret ? setVisible(true) : reveal.mutate())}
              data-testid="webhook-secret-show"
            >
              {t('show')}
            </button>
          </RequireAccess>
        )}
        {reveal.error && <p className="field__error">{errorText(reveal.error)}</p>}
      </div>
    </section>
  );
}
