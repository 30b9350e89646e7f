'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { useErrorText } from '../../_i18n/use-error-text';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useTRPC } from '../../_trpc/react';
import { defaultTestAddress } from './studio-model';
import { Dialog } from '../../_components/dialog';

const publisherKey = 'emails.publisherName';
const testAddressKey = 'emails.testAddress';

function remembered(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode without storage: the field just starts empty next time.
  }
}

/**
 * "Publish version N?": says what happens to journeys that already run, asks who publishes
 * (remembered in this browser), saves unsaved edits first so what is published is what is
 * on screen.
 */
export function PublishDialog({
  templateId,
  version,
  dirty,
  saveFirst,
  onClose,
  onPublished,
}: {
  templateId: string;
  version: number;
  dirty: boolean;
  saveFirst: () => Promise<boolean>;
  onClose: () => void;
  onPublished: (result: { version: number; created: boolean }) => void | Promise<void>;
}) {
  const t = useTranslations('emails.studio.publishDialog');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [name, setName] = useState(() => remembered(publisherKey) ?? '');
  const [saveFailed, setSaveFailed] = useState(false);
  const publish = useMutation(trpc.templates.publish.mutationOptions());

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setSaveFailed(false);
    if (dirty && !(await saveFirst())) return setSaveFailed(true);
    if (name.trim()) remember(publisherKey, name.trim());
    const result = await publish
      .mutateAsync({ id: templateId, publishedBy: name.trim() || undefined })
      .catch(() => null);
    if (result) await onPublished(result);
  }

  return (
    <Dialog title={t('title', { version })} testId="publish-dialog" onClose={onClose}>
      <form onSubmit={confirm} noValidate>
        <p data-testid="publish-explain">{t('explain', { version })}</p>
        {dirty && <p className="field__help">{t('savesFirst')}</p>}
        <FormField id="publish-by" label={t('by')} error={null} help={t('byHelp')}>
          <input
            id="publish-by"
            className="input"
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
            data-testid="publish-by"
          />
        </FormField>
        {saveFailed && (
          <p className="field__error" role="alert">
            {t('saveFailed')}
          </p>
        )}
        {publish.error && (
          <p className="field__error" role="alert" data-testid="publish-error">
            {errorText(publish.error)}
          </p>
        )}
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={publish.isPending}
            data-testid="confirm-publish"
          >
            {publish.isPending ? t('publishing') : t('confirm', { version })}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Sends the saved draft (unsaved edits are saved first) in the language being edited, with
 * the chosen customer's data or the sample, to any address; then points at the inbox.
 */
export function TestSendDialog({
  templateId,
  locale,
  customerId,
  dirty,
  saveFirst,
  onClose,
}: {
  templateId: string;
  locale: string;
  customerId: string | undefined;
  dirty: boolean;
  saveFirst: () => Promise<boolean>;
  onClose: () => void;
}) {
  const t = useTranslations('emails.studio.testDialog');
  const trpc = useTRPC();
  const [to, setTo] = useState(() => defaultTestAddress(remembered(testAddressKey)));
  const [saveFailed, setSaveFailed] = useState(false);
  const send = useMutation(trpc.templates.testSend.mutationOptions());
  const errors = useInputErrors(send.error);
  const toError = errors.field('to');
  // A broken template is refused with its problems on the content fields.
  const contentRefused = send.error?.data?.inputIssues?.some((issue) => issue.path !== 'to');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaveFailed(false);
    if (dirty && !(await saveFirst())) return setSaveFailed(true);
    const result = await send
      .mutateAsync({ templateId, to: to.trim(), locale, customerId })
      .catch(() => null);
    if (result) remember(testAddressKey, to.trim());
  }

  return (
    <Dialog title={t('title')} testId="test-send-dialog" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="field__help">{dirty ? t('savesFirst') : t('explain')}</p>
        <FormField id="test-to" label={t('to')} error={toError} errorTestId="test-to-error">
          <input
            id="test-to"
            type="email"
            className={invalidClass(toError, 'input')}
            value={to}
            maxLength={320}
            onChange={(event) => {
              setTo(event.target.value);
              if (!send.isPending) send.reset();
            }}
            data-testid="test-to"
          />
        </FormField>
        {saveFailed && (
          <p className="field__error" role="alert">
            {t('saveFailed')}
          </p>
        )}
        {contentRefused && (
          <p className="field__error" role="alert" data-testid="test-send-error">
            {t('broken')}
          </p>
        )}
        {errors.other && (
          <p className="field__error" role="alert" data-testid="test-send-error">
            {errors.other}
          </p>
        )}
        {send.isSuccess && (
          <p className="alert alert--success" role="status" data-testid="test-send-success">
            {t('sent', { to: to.trim() })}{' '}
            <Link href="/inbox" data-testid="test-send-inbox">
              {t('openInbox')}
            </Link>
          </p>
        )}
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={send.isPending}
            data-testid="confirm-test-send"
          >
            {send.isPending ? t('sending') : t('send')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
