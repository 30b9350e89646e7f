'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { topicText } from '../../../db/compliance/topic-text';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { Loading, QueryError } from '../../_components/query-state';
import { useLeaveGuard } from '../../_components/use-leave-guard';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';
import type { RouterOutputs } from '../../_trpc/outputs';
import { DataPicker, type PreviewPerson } from './data-picker';
import { PublishDialog, TestSendDialog } from './studio-dialogs';
import {
  draftFromTemplate,
  draftLocales,
  isDirty,
  isMissingUnsubscribe,
  saveErrorsFor,
  saveInput,
  studioLocales,
  type LineProblem,
  type StudioContent,
  type StudioDraft,
} from './studio-model';
import { useDebounced } from './use-debounced';
import { VersionHistory } from './version-history';
import { RequireAccess } from '../../_components/require-access';

type TemplateDetail = RouterOutputs['templates']['get'];

// CodeMirror touches `document` as it loads: the editor exists only in the browser.
const MjmlEditor = dynamic(() => import('./mjml-editor'), {
  ssr: false,
  loading: () => <div className="mjml-editor mjml-editor--loading" />,
});

export function TemplateStudio({ templateId }: { templateId: string }) {
  const trpc = useTRPC();
  const template = useQuery(trpc.templates.get.queryOptions({ id: templateId }));
  if (template.isPending) return <Loading />;
  if (template.isError) return <QueryError error={template.error} onRetry={() => void template.refetch()} />;
  return <Studio initial={template.data} />;
}

function Studio({ initial }: { initial: TemplateDetail }) {
  const t = useTranslations('emails.studio');
  const tc = useTranslations('emails');
  const uiLocale = useLocale();
  const format = useFormats();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const topics = useQuery(trpc.templates.topics.queryOptions());
  const [detail, setDetail] = useState(initial);
  const [saved, setSaved] = useState(() => draftFromTemplate(initial));
  const [draft, setDraft] = useState(saved);
  const [locale, setLocale] = useState(initial.locale);
  const [view, setView] = useState<'preview' | 'text'>('preview');
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const [person, setPerson] = useState<PreviewPerson | null>(null);
  const [jump, setJump] = useState<{ line: number; seq: number } | null>(null);
  const [dialog, setDialog] = useState<'publish' | 'test' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [addLocale, setAddLocale] = useState('');

  const draftRef = useRef(draft);
  draftRef.current = draft;
  const sentRef = useRef<StudioDraft | null>(null);

  const dirty = isDirty(saved, draft);
  const content = draft.contents[locale] ?? draft.contents[draft.locale]!;
  const locales = draftLocales(draft);
  const missingLocales = studioLocales.filter((candidate) => !(candidate in draft.contents));

  const setContent = useCallback(
    (patch: Partial<StudioContent>) =>
      setDraft((current) => ({
        ...current,
        contents: { ...current.contents, [locale]: { ...current.contents[locale]!, ...patch } },
      })),
    [locale],
  );

  // ---- Live preview: ≈400 ms after the last keystroke, newest answer wins.
  const previewRequest = useDebounced(
    useMemo(
      () => ({
        templateId: detail.id,
        locale,
        subject: content.subject,
        preheader: content.preheader,
        mjml: content.mjml,
        customerId: person?.id,
      }),
      [detail.id, locale, content.subject, content.preheader, content.mjml, person?.id],
    ),
    400,
  );
  const preview = useMutation(trpc.templates.preview.mutationOptions());
  const [previewResult, setPreviewResult] = useState<RouterOutputs['templates']['preview'] | null>(null);
  // A broken template renders nothing: the frame keeps the last good render, marked as outdated.
  const [lastRendered, setLastRendered] = useState<RouterOutputs['templates']['preview'] | null>(null);
  const previewSeq = useRef(0);
  const { mutateAsync: runPreview } = preview;
  useEffect(() => {
    const seq = ++previewSeq.current;
    runPreview(previewRequest)
      .then((result) => {
        if (seq !== previewSeq.current) return;
        setPreviewResult(result);
        if (result.html !== '') setLastRendered(result);
      })
      // The error stays on `preview.error`, shown above the frame.
      .catch(() => undefined);
  }, [previewRequest, runPreview]);
  const previewStale = previewRequest.mjml !== content.mjml || preview.isPending;
  const brokenRender = previewResult !== null && previewResult.html === '';
  const shown = brokenRender ? lastRendered : previewResult;

  // ---- Save, publish.
  const save = useMutation(
    trpc.templates.saveDraft.mutationOptions({
      onSuccess: async (result) => {
        setDetail(result);
        const nowSaved = draftFromTemplate(result);
        setSaved(nowSaved);
        // The server trims; with nothing typed since, the editor shows exactly what is saved.
        // Edits typed while the request ran stay (and stay unsaved).
        if (draftRef.current === sentRef.current) setDraft(nowSaved);
        await queryClient.invalidateQueries(trpc.templates.list.queryFilter());
      },
    }),
  );
  const saveErrors = saveErrorsFor(save.error?.data?.zodError?.fieldErrors, locale, draft.locale);
  const inputIssues = save.error?.data?.inputIssues ?? [];
  const saveFailedOther = save.error && inputIssues.length === 0 ? errorText(save.error) : null;
  const busy = save.isPending;

  const saveDraft = useCallback(async (): Promise<boolean> => {
    if (save.isPending) return false;
    setNotice(null);
    try {
      sentRef.current = draft;
      await save.mutateAsync(saveInput(detail.id, saved, draft));
      setNotice(t('saved'));
      return true;
    } catch {
      return false;
    }
  }, [save, detail.id, saved, draft, t]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveDraft();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [saveDraft]);

  // ---- Leaving with unsaved changes: the browser asks on reload/close, we ask on in-app links.
  useLeaveGuard(dirty, t('leaveConfirm'));

  // ---- Problems: the live render's, plus a refused save's for this language.
  const problems: LineProblem[] = useMemo(() => {
    const live = previewResult?.problems ?? [];
    const fromSave = saveErrors.problems.filter(
      (problem) =>
        !live.some(
          (p) => p.part === problem.part && p.line === problem.line && p.message === problem.message,
        ),
    );
    return [...live, ...fromSave];
  }, [previewResult, saveErrors.problems]);
  const editorProblems = useMemo(
    () =>
      problems
        .filter((p) => p.part === 'body' && p.line !== undefined)
        .map((p) => ({ line: p.line!, message: p.message })),
    [problems],
  );
  const problemText = (problem: LineProblem) =>
    isMissingUnsubscribe(problem.message) ? t('problems.unsubscribe') : problem.message;

  const fieldError = (field: string): string | undefined => {
    const message = saveErrors.fields[field];
    if (message === undefined) return undefined;
    if (isMissingUnsubscribe(message)) return t('problems.unsubscribe');
    if (/already|in use/i.test(message) && field === 'name') return t('errors.nameTaken');
    return message;
  };
  const partError = (part: 'subject' | 'preheader') =>
    saveErrors.problems.find((p) => p.part === part)?.message;
  const otherLanguageErrors = Object.entries(saveErrors.fields).filter(
    ([field]) =>
      field.startsWith('variants.') ||
      (locale !== draft.locale && ['subject', 'mjml', 'preheader'].includes(field)),
  );

  const partLabel = {
    subject: t('problems.part.subject'),
    preheader: t('problems.part.preheader'),
    body: t('problems.part.body'),
  };
  const widthLabel = { desktop: t('width.desktop'), phone: t('width.phone') };

  const nextVersion = (detail.versions[0]?.version ?? 0) + 1;

  return (
    <div className="studio" data-testid="template-studio">
      <div className="page-header">
        <div className="page-header__title">
          <div className="breadcrumb">
            <Link href="/emails">{tc('title')}</Link>
          </div>
          <h1 data-testid="studio-title">{draft.name || t('untitled')}</h1>
          <span className="page-header__subtitle" data-testid="studio-live-version">
            {detail.liveVersion === null ? t('notLive') : t('liveVersion', { version: detail.liveVersion })}
            {dirty && (
              <span className="editor__dirty" data-testid="unsaved-changes">
                {' · '}
                {t('unsaved')}
              </span>
            )}
          </span>
        </div>
        <div className="studio__actions">
          <RequireAccess access="edit">
            <button
              type="button"
              className="button"
              onClick={() => setDialog('test')}
              data-testid="open-test-send"
            >
              {t('testSend')}
            </button>
          </RequireAccess>
          <RequireAccess access="edit">
            <button
              type="button"
              className="button"
              onClick={() => void saveDraft()}
              disabled={busy}
              data-testid="save-template"
              title={t('saveShortcut')}
            >
              {busy ? t('saving') : t('save')}
            </button>
          </RequireAccess>
          <RequireAccess access="edit">
            <button
              type="button"
              className="button button--primary"
              onClick={() => setDialog('publish')}
              disabled={busy}
              data-testid="open-publish"
            >
              {t('publish')}
            </button>
          </RequireAccess>
        </div>
      </div>

      {(notice || saveFailedOther || save.error) && (
        <div
          className={save.error ? 'alert alert--error' : 'alert alert--success'}
          role={save.error ? 'alert' : 'status'}
          data-testid="studio-notice"
        >
          {save.error ? (saveFailedOther ?? t('notSaved')) : notice}
        </div>
      )}

      <div className="studio__settings card">
        <div className="card__body studio__fields">
          <FormField id="template-name" label={t('name')} error={fieldError('name')} errorTestId="name-error">
            <input
              id="template-name"
              className={invalidClass(fieldError('name'), 'input')}
              value={draft.name}
              maxLength={120}
              onChange={(event) => setDraft((current) => ({ ...current, name: event.target.value }))}
              data-testid="template-name"
            />
          </FormField>
          <FormField
            id="template-category"
            label={t('category')}
            error={fieldError('category')}
            help={
              draft.category === 'marketing' ? t('categoryHelp.marketing') : t('categoryHelp.transactional')
            }
          >
            <select
              id="template-category"
              className={invalidClass(fieldError('category'), 'select')}
              value={draft.category}
              onChange={(event) =>
                setDraft((current) => ({
                  ...current,
                  category: event.target.value === 'transactional' ? 'transactional' : 'marketing',
                }))
              }
              data-testid="template-category"
            >
              <option value="marketing">{tc('category.marketing')}</option>
              <option value="transactional">{tc('category.transactional')}</option>
            </select>
          </FormField>
          <FormField
            id="template-topic"
            label={t('topic')}
            error={fieldError('topic')}
            help={t('topicHelp')}
            errorTestId="topic-error"
          >
            <select
              id="template-topic"
              className={invalidClass(fieldError('topic'), 'select')}
              value={draft.topic}
              onChange={(event) => setDraft((current) => ({ ...current, topic: event.target.value }))}
              data-testid="template-topic"
            >
              <option value="">{t('noTopic')}</option>
              {(topics.data ?? []).map((topic) => (
                <option key={topic.key} value={topic.key}>
                  {topicText(topic.name, uiLocale, topic.key)}
                </option>
              ))}
              {/* A topic removed since this draft was saved still shows, so the value is visible. */}
              {draft.topic && topics.data && !topics.data.some((topic) => topic.key === draft.topic) && (
                <option value={draft.topic}>{draft.topic}</option>
              )}
            </select>
          </FormField>
        </div>
      </div>

      <div className="studio__languages" role="tablist" aria-label={t('languages')}>
        {locales.map((code) => (
          <button
            key={code}
            type="button"
            role="tab"
            aria-selected={code === locale}
            className={code === locale ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
            onClick={() => setLocale(code)}
            data-testid={`language-${code}`}
          >
            {format.language(code)}
            {code === draft.locale && <span className="cell-secondary"> · {t('ownLanguage')}</span>}
          </button>
        ))}
        {missingLocales.length > 0 && (
          <span className="studio__add-language">
            <select
              className="select"
              value={addLocale}
              aria-label={t('addLanguage')}
              onChange={(event) => setAddLocale(event.target.value)}
              data-testid="add-language-select"
            >
              <option value="">{t('addLanguage')}</option>
              {missingLocales.map((code) => (
                <option key={code} value={code}>
                  {format.language(code)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small"
              disabled={addLocale === ''}
              onClick={() => {
                const code = addLocale;
                // A new language starts as a copy of the template's own, to be translated.
                setDraft((current) => ({
                  ...current,
                  contents: { ...current.contents, [code]: { ...current.contents[current.locale]! } },
                }));
                setLocale(code);
                setAddLocale('');
              }}
              data-testid="add-language"
            >
              {t('add')}
            </button>
          </span>
        )}
        {locale !== draft.locale && (
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => {
              if (!window.confirm(t('removeLanguageConfirm', { language: format.language(locale) }))) return;
              setDraft((current) => {
                const { [locale]: _removed, ...rest } = current.contents;
                return { ...current, contents: rest };
              });
              setLocale(draft.locale);
            }}
            data-testid="remove-language"
          >
            {t('removeLanguage')}
          </button>
        )}
      </div>

      {otherLanguageErrors.length > 0 && (
        <div className="alert alert--error" role="alert" data-testid="other-language-errors">
          {t('otherLanguageErrors')}
          <ul>
            {otherLanguageErrors.map(([field, message]) => (
              <li key={field}>
                <code>{field}</code>: {isMissingUnsubscribe(message) ? t('problems.unsubscribe') : message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="studio__body">
        <section className="studio__source card">
          <div className="card__body studio__fields">
            <FormField
              id="template-subject"
              label={t('subject')}
              error={partError('subject')}
              errorTestId="subject-error"
            >
              <input
                id="template-subject"
                className={invalidClass(partError('subject'), 'input')}
                value={content.subject}
                maxLength={500}
                onChange={(event) => setContent({ subject: event.target.value })}
                data-testid="template-subject"
              />
            </FormField>
            <FormField
              id="template-preheader"
              label={t('preheader')}
              error={partError('preheader')}
              help={t('preheaderHelp')}
              errorTestId="preheader-error"
            >
              <input
                id="template-preheader"
                className={invalidClass(partError('preheader'), 'input')}
                value={content.preheader}
                maxLength={500}
                onChange={(event) => setContent({ preheader: event.target.value })}
                data-testid="template-preheader"
              />
            </FormField>
          </div>
          <MjmlEditor
            key={locale}
            value={content.mjml}
            onChange={(mjml) => setContent({ mjml })}
            problems={editorProblems}
            jump={jump}
            label={t('editorLabel')}
            testId="mjml-editor"
          />
          <div className="studio__problems" data-testid="problems">
            {problems.length === 0 ? (
              <span className="muted" data-testid="no-problems">
                {previewStale ? t('checking') : t('noProblems')}
              </span>
            ) : (
              <ul className="problems">
                {problems.map((problem, index) => (
                  <li key={index}>
                    <button
                      type="button"
                      className="studio__problem"
                      onClick={() => {
                        if (problem.part === 'body' && problem.line !== undefined)
                          setJump((current) => ({ line: problem.line!, seq: (current?.seq ?? 0) + 1 }));
                        else document.getElementById(`template-${problem.part}`)?.focus();
                      }}
                      data-testid="problem"
                      data-line={problem.line}
                    >
                      <strong>
                        {partLabel[problem.part]}
                        {problem.line !== undefined && ` · ${t('problems.line', { line: problem.line })}`}
                      </strong>{' '}
                      {problemText(problem)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>

        <section className="studio__preview card" aria-label={t('previewLabel')}>
          <div className="card__header studio__preview-header">
            <div className="tabs" role="tablist">
              <button
                type="button"
                role="tab"
                aria-selected={view === 'preview'}
                className={view === 'preview' ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
                onClick={() => setView('preview')}
                data-testid="tab-preview"
              >
                {t('tabs.preview')}
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={view === 'text'}
                className={view === 'text' ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
                onClick={() => setView('text')}
                data-testid="tab-text"
              >
                {t('tabs.text')}
              </button>
            </div>
            <div className="studio__widths" role="group" aria-label={t('width.label')}>
              {(['desktop', 'phone'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={width === option}
                  className={
                    width === option ? 'button button--small button--primary' : 'button button--small'
                  }
                  onClick={() => setWidth(option)}
                  data-testid={`width-${option}`}
                >
                  {widthLabel[option]}
                </button>
              ))}
            </div>
          </div>
          <div className="card__body">
            <DataPicker person={person} onChange={setPerson} />
            {preview.error && <QueryError error={preview.error} />}
            {brokenRender && (
              <p className="alert alert--warning" data-testid="preview-outdated">
                {t('previewOutdated')}
              </p>
            )}
            <dl className="studio__envelope" data-testid="preview-envelope" aria-busy={previewStale}>
              <dt>{t('subject')}</dt>
              <dd data-testid="preview-subject">{shown?.subject ?? ''}</dd>
              <dt>{t('preheader')}</dt>
              <dd data-testid="preview-preheader">{shown?.preheader ?? ''}</dd>
            </dl>
            {view === 'preview' ? (
              <div
                className={`studio__frame studio__frame--${width}${brokenRender ? ' studio__frame--outdated' : ''}`}
              >
                <iframe
                  title={t('previewLabel')}
                  sandbox=""
                  srcDoc={shown?.html ?? ''}
                  className="email-frame"
                  data-testid="preview-frame"
                  data-stale={previewStale ? 'true' : 'false'}
                />
              </div>
            ) : (
              <pre className="email-text" data-testid="preview-text">
                {shown?.text ?? ''}
              </pre>
            )}
          </div>
        </section>
      </div>

      <VersionHistory
        templateId={detail.id}
        versions={detail.versions}
        liveVersion={detail.liveVersion}
        onCopy={(version) => {
          const copied: StudioDraft = {
            ...draft,
            category: version.category,
            topic: version.topic ?? '',
            locale: version.locale,
            contents: {
              [version.locale]: {
                subject: version.subject,
                preheader: version.preheader,
                mjml: version.mjml,
              },
              ...version.variants,
            },
          };
          setDraft(copied);
          if (!(locale in copied.contents)) setLocale(copied.locale);
          setNotice(t('copied', { version: version.version }));
        }}
      />

      {dialog === 'publish' && (
        <PublishDialog
          version={nextVersion}
          dirty={dirty}
          templateId={detail.id}
          saveFirst={saveDraft}
          onClose={() => setDialog(null)}
          onPublished={async (result) => {
            setDialog(null);
            setNotice(
              result.created
                ? t('published', { version: result.version })
                : t('alreadyLive', { version: result.version }),
            );
            const fresh = await queryClient.fetchQuery({
              ...trpc.templates.get.queryOptions({ id: detail.id }),
              staleTime: 0,
            });
            setDetail(fresh);
            await queryClient.invalidateQueries(trpc.templates.list.queryFilter());
          }}
        />
      )}
      {dialog === 'test' && (
        <TestSendDialog
          templateId={detail.id}
          locale={locale}
          customerId={person?.id}
          dirty={dirty}
          saveFirst={saveDraft}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
