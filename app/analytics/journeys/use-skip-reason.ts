'use client';

import { useTranslations } from 'next-intl';

/**
 * Runs record skip reasons as codes (from the send decision, the delay, the interpreter);
 * the known ones are worded here, any other (an activity's own sentence) is shown as it is.
 */
export function useSkipReason(): (reason: string) => string {
  const t = useTranslations('analytics.journeys.skipReasons');
  const labels: Record<string, string> = {
    no_marketing_consent: t('noMarketingConsent'),
    no_email_address: t('noEmailAddress'),
    suppressed_unsubscribed: t('suppressedUnsubscribed'),
    suppressed_bounced: t('suppressedBounced'),
    suppressed_complained: t('suppressedComplained'),
    suppressed_manual: t('suppressedManual'),
    topic_opted_out: t('topicOptedOut'),
    late: t('late'),
    'admin skip': t('adminSkip'),
    missing_date_attribute: t('missingDateAttribute'),
    invalid_date_attribute: t('invalidDateAttribute'),
    segment_membership_unavailable: t('segmentMembershipUnavailable'),
  };
  return (reason) => (Object.hasOwn(labels, reason) ? labels[reason]! : reason);
}
