import { randomUUID } from 'node:crypto';
import { createTestCustomer, createTestWorkspace } from '../../../scripts/test/fixtures';
import type { Database } from '../../client';
import { emitEvent } from '../../events/emit-event';
import { newId } from '../../ids';
import { awardPoints } from '../../ledger/award';
import { recordOrder } from '../../orders/record-order';
import { refundOrder } from '../../orders/refund-order';
import { redeemReward } from '../../rewards/redeem-reward';
import { createReward } from '../../rewards/rewards';
import {
  emailTemplates,
  loyaltyAccounts,
  messageLog,
  profileChanges,
  segmentMemberships,
  segments,
  tierChanges,
  tiers,
} from '../../schema';
import { and, eq } from 'drizzle-orm';
import { setMarketingConsent } from '../../compliance/consent';
import { recordHardBounce } from '../../compliance/suppressions';
import { setTopicOptOut } from '../../compliance/topic-optouts';
import { insertDefaultTopics } from '../../compliance/topics';
import { unsubscribeCustomer } from '../../customers/unsubscribe';
import { recordEngagement } from '../../messages/record-engagement';

export interface CustomerWithHistory {
  workspaceId: string;
  customerId: string;
  externalId: string;
  email: string;
  /** An address the customer had before: mailed once, it bounced (a `bounced` suppression). */
  oldEmail: string;
  firstName: string;
  lastName: string;
  anonymousId: string;
  segmentId: string;
  /** In the attributes, unique per call. */
  phone: string;
  /** Open/click rows written (one click). */
  engagements: number;
}

/**
 * A customer with something in every table GDPR reads: profile with attributes, points
 * (award, order earn, refund, redemption: entries and lots), a tier change, a voucher,
 * events whose properties carry the address (one anonymous, never linked, under the same
 * device id), two message-log rows (one to an older address, which bounced), a click on
 * the other (engagement, totals, `email_opened`/`email_clicked` events), a profile change,
 * a segment membership, and the consent trail: consent given by the API, a topic opt-out,
 * a one-click unsubscribe (consent history and an `unsubscribed` suppression), consent
 * claimed again by an import (the suppression stays). The email, names and ids are unique
 * per call, so a test can search the whole database for them.
 */
export async function customerWithHistory(db: Database, label: string): Promise<CustomerWithHistory> {
  const unique = randomUUID().slice(0, 8);
  const email = `gdpr-${unique}@example.test`;
  const oldEmail = `gdpr-old-${unique}@example.test`;
  const firstName = `Zoe${unique}`;
  const lastName = `Quist${unique}`;
  const externalId = `shop-${unique}`;
  const anonymousId = `device-${unique}`;
  // Unique too: the whole-database search must not find another test's customer.
  const phone = `+49 170 ${parseInt(unique, 16) % 10_000_000}`;
  const workspaceId = await createTestWorkspace(db, `GDPR: ${label}`);
  await insertDefaultTopics(db, workspaceId);
  const customer = await createTestCustomer(db, workspaceId, {
    externalId,
    email,
    firstName,
    lastName,
    birthday: '1988-04-12',
    timeZone: 'America/New_York',
    locale: 'de',
    attributes: { phone, contactEmail: email, city: 'Leipzig' },
    marketingConsent: false,
  });
  const customerId = customer.id;

  await setMarketingConsent(db, { workspaceId, customerId, consent: true, source: 'api' });
  await setTopicOptOut(db, {
    workspaceId,
    customerId,
    topic: 'news',
    optedOut: true,
    source: 'preference_page',
  });
  await unsubscribeCustomer(db, workspaceId, customerId, 'one_click_unsubscribe');
  await setMarketingConsent(db, { workspaceId, customerId, consent: true, source: 'import' });

  await awardPoints(db, {
    workspaceId,
    customerId,
    points: 300,
    idempotencyKey: `gdpr-award-${unique}`,
    reason: 'Welcome bonus',
  });
  await recordOrder(db, {
    workspaceId,
    customerId,
    orderRef: `A-${unique}`,
    amount: 12_000,
    currency: 'EUR',
  });
  await refundOrder(db, { workspaceId, orderRef: `A-${unique}`, refundAmount: 2_000, refundRef: 'R-1' });
  const reward = await createReward(db, workspaceId, {
    name: 'Five euros off',
    kind: 'discount_fixed',
    value: 500,
    pointsCost: 100,
  });
  await redeemReward(db, {
    workspaceId,
    customerId,
    rewardId: reward.id,
    idempotencyKey: `gdpr-redeem-${unique}`,
  });

  const tierId = newId('tier');
  await db.insert(tiers).values({ id: tierId, workspaceId, name: 'Silver', threshold: 100 });
  const [account] = await db
    .select({ id: loyaltyAccounts.id })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  await db.insert(tierChanges).values({
    id: newId('tch'),
    workspaceId,
    accountId: account!.id,
    toTierId: tierId,
    direction: 'upgrade',
    qualifyingValue: 420,
    cause: 'order',
  });

  await emitEvent(db, {
    workspaceId,
    customerId,
    name: 'Newsletter Signup',
    properties: { email, firstName },
    messageId: randomUUID(),
    source: 'api',
    userId: externalId,
    anonymousId,
  });
  await emitEvent(db, {
    workspaceId,
    customerId: null,
    name: 'Page Viewed',
    properties: { url: `https://shop.test/account?email=${email}` },
    messageId: randomUUID(),
    source: 'api',
    anonymousId,
  });

  const templateId = newId('tpl');
  await db.insert(emailTemplates).values({
    id: templateId,
    workspaceId,
    name: 'Welcome',
    subject: 'Hi {{ customer.firstName }}',
    mjml: '<mjml><mj-body></mj-body></mjml>',
  });
  const messageId = newId('msg');
  await db.insert(messageLog).values({
    id: messageId,
    workspaceId,
    customerId,
    templateId,
    runId: `journey:${workspaceId}:jrn_x:${customerId}:once`,
    stepId: 'mail',
    status: 'failed',
    toAddress: email,
    subject: `Hi ${firstName}`,
    messageId: `<${randomUUID()}@journeys.local>`,
    smtpResponse: `550 5.1.1 <${email}>: mailbox unavailable`,
    error: `550 <${email}> unknown`,
  });
  await db.insert(profileChanges).values({
    id: newId('pch'),
    workspaceId,
    customerId,
    runId: `journey:${workspaceId}:jrn_x:${customerId}:once`,
    stepId: 'profile',
    source: 'journey:jrn_x',
    change: { kind: 'set_attribute', attribute: 'backupEmail', value: email },
    outcome: 'updated',
  });

  await recordEngagement(db, {
    kind: 'click',
    messageLogId: messageId,
    url: `https://shop.test/welcome?email=${email}`,
    linkIndex: 0,
    userAgent: `Mozilla/5.0 (${firstName}'s laptop)`,
    at: new Date(),
  });
  const engagements = 1;

  const oldMessageId = newId('msg');
  const bounce = `550 5.1.1 <${oldEmail}>: mailbox unavailable`;
  await db.insert(messageLog).values({
    id: oldMessageId,
    workspaceId,
    customerId,
    templateId,
    runId: `journey:${workspaceId}:jrn_x:${customerId}:once`,
    stepId: 'mail-earlier',
    status: 'failed',
    toAddress: oldEmail,
    subject: `Welcome ${firstName}`,
    messageId: `<${randomUUID()}@journeys.local>`,
    smtpResponse: bounce,
    error: bounce,
  });
  await recordHardBounce(db, {
    workspaceId,
    address: oldEmail,
    smtpResponse: bounce,
    messageLogId: oldMessageId,
  });

  const segmentId = newId('seg');
  await db.insert(segments).values({
    id: segmentId,
    workspaceId,
    name: 'Newsletter readers',
    rules: {
      match: 'all',
      rules: [
        {
          subject: 'event',
          eventName: 'Newsletter Signup',
          filters: [],
          count: 'at_least',
          times: 1,
          withinDays: null,
        },
      ],
    },
    memberCount: 1,
  });
  await db.insert(segmentMemberships).values({ workspaceId, segmentId, customerId });

  return {
    workspaceId,
    customerId,
    externalId,
    email,
    oldEmail,
    firstName,
    lastName,
    anonymousId,
    phone,
    segmentId,
    engagements,
  };
}
