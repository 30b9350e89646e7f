import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { journeys, rewards, segments, tiers } from '../../db/schema';
import { jsonLiquid } from '../../emails/json-liquid';
import type { ProfileChange, TriggerEvent } from '../../workflows/journey/activities-contract';
import { compileJourney, type CompileError } from '../../workflows/journey/compiler';
import { eventTriggerOf } from '../../workflows/journey/event-trigger';
import { simulateJourney } from '../../workflows/journey/simulate';
import { decideSendWindow } from '../../emails/send-window';
import { createPreviewEmailRenderer } from './preview-email';
import { loadPreviewSendFacts, loadTemplateSendTraits } from './preview-send-facts';
import type { PreviewJourneyInput } from './preview-input';
import {
  previewSteps,
  type EffectContext,
  type PreviewEffect,
  type PreviewEnd,
  type PreviewStep,
} from './preview-steps';
import {
  loadCustomerSubject,
  PreviewInputError,
  sampleSubject,
  type PreviewSubject,
} from './preview-subject';

export type PreviewAnswer =
  /** The graph does not compile: the canvas shows these, the panel says "fix these first". */
  | { ok: false; errors: CompileError[] }
  | {
      ok: true;
      /** The customer's zone and language, for showing the times as they would live them. */
      timeZone: string;
      locale: string;
      startBalance: number;
      steps: PreviewStep[];
      end: PreviewEnd;
    };

/**
 * The editor's preview: compiles the current (unsaved) graph as publish would, runs it in the
 * simulator for a real customer or an edited sample, and says what each step would do, with
 * every email rendered as the send activity would render it. Reads only: nothing is written,
 * sent or called.
 */
export async function previewJourney(
  db: Executor,
  input: PreviewJourneyInput & { workspaceId: string; appUrl: string },
): Promise<PreviewAnswer> {
  const { workspaceId } = input;
  const [journey] = await db
    .select({ id: journeys.id, settings: journeys.settings, liveVersion: journeys.liveVersion })
    .from(journeys)
    .where(and(eq(journeys.id, input.id), eq(journeys.workspaceId, workspaceId)));
  if (!journey) throw new PreviewInputError(['id'], `no journey "${input.id}" in this workspace`, true);

  const ids = (rows: Array<{ id: string }>) => new Set(rows.map((row) => row.id));
  const [templates, rewardIds, tierIds, segmentIds] = await Promise.all([
    loadTemplateSendTraits(db, workspaceId),
    db
      .select({ id: rewards.id })
      .from(rewards)
      .where(and(eq(rewards.workspaceId, workspaceId), eq(rewards.active, true)))
      .then(ids),
    db.select({ id: tiers.id }).from(tiers).where(eq(tiers.workspaceId, workspaceId)).then(ids),
    db.select({ id: segments.id }).from(segments).where(eq(segments.workspaceId, workspaceId)).then(ids),
  ]);
  // As publish compiles it, except that a template never published is fine here: its draft is shown.
  const compiled = compileJourney(input.graph, {
    journeyId: journey.id,
    workspaceId,
    version: (journey.liveVersion ?? 0) + 1,
    templateIds: ids(templates),
    rewardIds,
    tierIds,
    segmentIds,
    settings: journey.settings,
  });
  if (!compiled.ok) return { ok: false, errors: compiled.errors };
  const { program } = compiled;

  const subject =
    'customerId' in input.who
      ? await loadCustomerSubject(db, workspaceId, input.who.customerId)
      : await sampleSubject(db, workspaceId, input.who.sample);
  const triggerEvent = triggerEventOf(program.trigger, input.triggerProperties);
  const sendFacts = await loadPreviewSendFacts(db, {
    workspaceId,
    customer: subject.customer.id ? { id: subject.customer.id, email: subject.customer.email } : null,
    start: input.start,
    capPeriodHours: program.settings.emailCap?.periodHours ?? null,
    templates,
  });
  const result = simulateJourney({
    program,
    profile: { ...subject.profile, earlierEmailsAt: sendFacts.earlierEmailsAt },
    events: input.events,
    start: input.start,
    ...(input.until ? { until: input.until } : {}),
    ...(triggerEvent ? { triggerEvent } : {}),
    runKey: `preview:${journey.id}:${subject.customer.id ?? 'sample'}`,
    sendWindow: decideSendWindow,
    sendDecision: sendFacts.sendDecision,
  });

  const renderEmail = createPreviewEmailRenderer(db, { workspaceId, appUrl: input.appUrl });
  const startBalance = subject.profile.balance ?? 0;
  const { steps, end } = await previewSteps(program, result, {
    start: input.start,
    balance: startBalance,
    activityEffect: (context) =>
      activityEffect(context, { program, subject, triggerEvent, results: result.state.results, renderEmail }),
  });
  return {
    ok: true,
    timeZone: subject.profile.timeZone,
    locale: subject.customer.locale,
    startBalance,
    steps,
    end,
  };
}

/** The event that starts the run: an event trigger's own event with the properties the marketer gave. */
function triggerEventOf(
  trigger: { type: string; config: unknown },
  properties: Record<string, unknown> | undefined,
): TriggerEvent | null {
  const listensTo = eventTriggerOf(trigger);
  if (listensTo) return { name: listensTo.eventName, properties: properties ?? {} };
  return properties ? { name: trigger.type, properties } : null;
}

async function activityEffect(
  { action, balanceBefore, earlier }: EffectContext,
  deps: {
    program: { steps: Record<string, { config: Record<string, unknown> }> };
    subject: PreviewSubject;
    triggerEvent: TriggerEvent | null;
    results: Record<string, unknown>;
    renderEmail: ReturnType<typeof createPreviewEmailRenderer>;
  },
): Promise<PreviewEffect | null> {
  const d = action.detail;
  const config = deps.program.steps[action.stepId]?.config ?? {};
  const result = (deps.results[action.stepId] ?? {}) as Record<string, unknown>;
  const balanceAfter = typeof d['balance'] === 'number' ? d['balance'] : balanceBefore;
  const written = (d['wouldWrite'] ?? {}) as { points?: number; expiresAt?: string | null };
  switch (d['activity']) {
    case 'awardPoints':
      // A skipped award (a formula without its value) is reported by its skip action.
      if (d['skipped'] !== undefined) return null;
      return {
        kind: 'points_awarded',
        points: written.points ?? 0,
        balanceAfter,
        expiresAt: written.expiresAt ?? null,
      };
    case 'deductPoints':
      if (d['insufficient'])
        return { kind: 'insufficient_points', points: Number(config['points'] ?? 0), balance: balanceBefore };
      return { kind: 'points_deducted', points: written.points ?? 0, balanceAfter };
    case 'issueReward': {
      if (d['unavailable']) return { kind: 'reward_unavailable', reason: String(result['reason'] ?? '') };
      const pointsSpent = Number(d['pointsSpent'] ?? 0);
      const rewardId = String(config['rewardId'] ?? '');
      return {
        kind: 'voucher_issued',
        code: String(d['code'] ?? ''),
        rewardName: deps.subject.profile.rewards?.[rewardId]?.name ?? '',
        pointsSpent,
        balanceAfter: balanceBefore - pointsSpent,
      };
    }
    case 'recalculateTier':
      return { kind: 'tier_unchanged', tierId: deps.subject.profile.tier?.id ?? null };
    case 'sendEmail':
      // A suppressed one (consent, the suppression list, a topic, no address) is reported by its skip action.
      if (d['status'] !== 'would_send') return null;
      return {
        kind: 'email',
        email: await deps.renderEmail({
          templateId: String(d['templateId']),
          customer: deps.subject.customer,
          balance: balanceBefore,
          loyalty: deps.subject.loyalty,
          earlier,
          event: deps.triggerEvent,
        }),
      };
    case 'updateProfile':
      return { kind: 'profile_change', change: d['change'] as ProfileChange };
    case 'callWebhook':
      return {
        kind: 'webhook',
        url: String(d['url'] ?? ''),
        method: String(d['method'] ?? 'POST'),
        ...(await webhookBody(
          String(config['bodyTemplate'] ?? ''),
          deps.subject,
          deps.triggerEvent,
          earlier,
        )),
      };
    default:
      // Reads (readFacts, readLoyalty) change nothing: the condition's output says what they decided.
      return null;
  }
}

/** The body the webhook activity would post, rendered over the same fields; never sent. */
async function webhookBody(
  template: string,
  subject: PreviewSubject,
  event: TriggerEvent | null,
  earlier: Record<string, unknown>,
): Promise<{ body: string; problem: string | null }> {
  let body: string;
  try {
    body = await jsonLiquid.parseAndRender(template, {
      customer: { ...subject.customer, id: subject.customer.id ?? 'sample' },
      event,
      steps: earlier,
    });
  } catch (error) {
    return { body: '', problem: `bodyTemplate: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    JSON.parse(body);
    return { body, problem: null };
  } catch (error) {
    return { body, problem: `bodyTemplate: does not render to JSON (${(error as Error).message})` };
  }
}
