'use client';

import { useTranslations } from 'next-intl';
import type { PreviewEffect } from '../../../../server/journeys/preview-steps';
import { useFormats } from '../../../_i18n/use-formats';

/** One thing a step would do, in words; an email with its subject and rendered body. */
export function PreviewEffectView({
  effect,
  time,
  showEmail,
}: {
  effect: PreviewEffect;
  time: (iso: string) => string;
  /** Only the current step shows its email's body (one iframe at a time). */
  showEmail: boolean;
}) {
  const t = useTranslations('preview.effect');
  const format = useFormats();
  const skipText = (reason: string): string => {
    switch (reason) {
      // `no_consent`: the simulator's word when it is given no send decision.
      case 'no_consent':
      case 'no_marketing_consent':
        return t('skippedNoConsent');
      case 'no_email_address':
        return t('skippedNoEmail');
      case 'suppressed_unsubscribed':
        return t('skippedSuppressedUnsubscribed');
      case 'suppressed_bounced':
        return t('skippedSuppressedBounced');
      case 'suppressed_complained':
        return t('skippedSuppressedComplained');
      case 'suppressed_manual':
        return t('skippedSuppressedManual');
      case 'topic_opted_out':
        return t('skippedTopicOptedOut');
      case 'late':
        return t('skippedLate');
      default:
        return t('skipped', { reason });
    }
  };
  switch (effect.kind) {
    case 'points_awarded':
      return (
        <span data-testid="preview-effect-award">
          {t('awarded', {
            points: format.points(effect.points),
            balance: format.points(effect.balanceAfter),
          })}
          {effect.expiresAt && <> {t('expires', { date: time(effect.expiresAt) })}</>}
        </span>
      );
    case 'points_deducted':
      return (
        <span>
          {t('deducted', {
            points: format.points(effect.points),
            balance: format.points(effect.balanceAfter),
          })}
        </span>
      );
    case 'insufficient_points':
      return (
        <span>
          {t('insufficient', {
            points: format.points(effect.points),
            balance: format.points(effect.balance),
          })}
        </span>
      );
    case 'voucher_issued':
      return (
        <span>
          {t('voucher', {
            reward: effect.rewardName,
            code: effect.code,
            points: format.points(effect.pointsSpent),
            balance: format.points(effect.balanceAfter),
          })}
        </span>
      );
    case 'reward_unavailable':
      return <span>{t('rewardUnavailable', { reason: effect.reason })}</span>;
    case 'tier_unchanged':
      return <span>{t('tierUnchanged')}</span>;
    case 'email': {
      const { email } = effect;
      return (
        <div className="preview-email" data-testid="preview-effect-email">
          <div>
            {email.version === null
              ? t('emailDraft', { template: email.templateName })
              : t('email', { template: email.templateName, version: email.version })}
          </div>
          {email.problems.length > 0 ? (
            <ul className="field__error" data-testid="preview-email-problems">
              {email.problems.map((problem, index) => (
                <li key={index}>
                  {problem.line === undefined
                    ? t('emailProblem', { message: problem.message })
                    : t('emailProblemLine', { line: problem.line, message: problem.message })}
                </li>
              ))}
            </ul>
          ) : (
            <>
              <div>
                {t('subject')} <strong data-testid="preview-email-subject">{email.subject}</strong>
              </div>
              {showEmail && (
                <div className="studio__frame">
                  {/* Sandboxed without any permission: the mail's HTML runs no script and reaches nothing. */}
                  <iframe
                    title={t('emailFrame')}
                    sandbox=""
                    srcDoc={email.html}
                    className="email-frame preview-email__frame"
                    data-testid="preview-email-frame"
                  />
                </div>
              )}
            </>
          )}
        </div>
      );
    }
    case 'profile_change': {
      const { change } = effect;
      switch (change.kind) {
        case 'set_attribute':
          return (
            <span>{t('setAttribute', { attribute: change.attribute, value: String(change.value) })}</span>
          );
        case 'add_tag':
          return <span>{t('addTag', { tag: change.tag })}</span>;
        case 'remove_tag':
          return <span>{t('removeTag', { tag: change.tag })}</span>;
        case 'set_consent':
          return <span>{change.consent ? t('consentOn') : t('consentOff')}</span>;
      }
      return null;
    }
    case 'webhook':
      return (
        <div>
          <div>{t('webhook', { method: effect.method, url: effect.url })}</div>
          {effect.problem && (
            <div className="field__error">{t('webhookProblem', { problem: effect.problem })}</div>
          )}
          {effect.body && <pre className="preview-webhook">{effect.body}</pre>}
        </div>
      );
    case 'sleep':
      return <span>{t('sleep', { until: time(effect.until) })}</span>;
    case 'wait':
      return <span>{t('wait', { event: effect.eventName, until: time(effect.timeoutAt) })}</span>;
    case 'event':
      return <span>{t('event', { event: effect.name })}</span>;
    case 'timer':
      return <span>{t('timer')}</span>;
    case 'skipped':
      return <span data-testid="preview-effect-skipped">{skipText(effect.reason)}</span>;
    case 'deferred':
      return (
        <span>
          {effect.reason === 'quiet_hours'
            ? t('deferredQuietHours', { until: time(effect.until) })
            : effect.reason === 'email_cap'
              ? t('deferredCap', { until: time(effect.until) })
              : t('deferred', { until: time(effect.until) })}
        </span>
      );
  }
}
