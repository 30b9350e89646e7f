'use client';

import { useTranslations } from 'next-intl';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { authClient } from '../_trpc/auth-client';
import { FormField } from '../_components/form-field';

type Failure = 'invalid' | 'tooMany' | 'unreachable' | null;

/** Only paths inside this app: `?next=https://evil.example` must never become a redirect. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/journeys';
}

export function LoginForm() {
  const t = useTranslations('login');
  const router = useRouter();
  const next = safeNext(useSearchParams().get('next'));
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure>(null);
  const [retryAfter, setRetryAfter] = useState<number | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setFailure(null);
    try {
      const result = await authClient.signIn.email({
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      if (result.error) {
        const tooMany = result.error.status === 429;
        setFailure(tooMany ? 'tooMany' : 'invalid');
        setRetryAfter(tooMany ? retryAfterSeconds(result.error.message) : null);
        setPending(false);
        return;
      }
      // A full navigation, so every server component renders for the signed-in person.
      router.replace(next);
      router.refresh();
    } catch {
      setFailure('unreachable');
      setPending(false);
    }
  }

  return (
    <section className="card login" aria-labelledby="login-title">
      <h1 id="login-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <form onSubmit={submit} noValidate={false} data-testid="login-form">
        <FormField id="login-email" label={t('email')} error={null}>
          <input
            id="login-email"
            name="email"
            type="email"
            className="input"
            autoComplete="username"
            required
            autoFocus
          />
        </FormField>
        <FormField id="login-password" label={t('password')} error={null}>
          <input
            id="login-password"
            name="password"
            type="password"
            className="input"
            autoComplete="current-password"
            required
          />
        </FormField>
        {failure && (
          <p className="form-error" role="alert" data-testid="login-error">
            {failure === 'invalid' && t('invalid')}
            {failure === 'tooMany' && (retryAfter ? t('tooManyWait', { seconds: retryAfter }) : t('tooMany'))}
            {failure === 'unreachable' && t('unreachable')}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={pending}
          data-testid="login-submit"
        >
          {pending ? t('signingIn') : t('signIn')}
        </button>
      </form>
      <p className="muted login__help">{t('help')}</p>
    </section>
  );
}

function retryAfterSeconds(message: string | undefined): number | null {
  const match = message?.match(/(\d+) seconds/);
  return match ? Number(match[1]) : null;
}
