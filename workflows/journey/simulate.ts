import { TZDate } from '@date-fns/tz';
import type { ActivityCall, ProfileChange, TriggerEvent } from './activities-contract';
import { evaluateFormula, FormulaError } from './formula';
import { initialRunState, step, type Effect, type RunState, type StepOutcome } from './interpreter';
import type { JourneyProgram } from './program';
import type { JourneyEvent } from './signals';

/**
 * Runs a program for one made-up customer in process: the same interpreter as the
 * Temporal workflow, a virtual clock instead of timers, and in-memory fakes instead of
 * activities. Nothing is written or sent; the answer says what would happen and when.
 * The editor's preview uses it.
 */
export interface SimulatedProfile {
  timeZone: string;
  locale?: string | null;
  attributes?: Record<string, unknown>;
  balance?: number;
  tier?: { id: string; name: string; threshold: number; multiplierPercent?: number } | null;
  /** Thresholds of the workspace's tiers by id, for "tier at least" rules. */
  tierThresholds?: Record<string, number>;
  /** False: marketing emails are suppressed (see `SimulationInput.sendDecision`). Default true. */
  marketingConsent?: boolean;
  /** False: emails are suppressed (`no_email_address`). Default true. */
  hasEmail?: boolean;
  /** The program's birthday bonus (Loyalty → Earning), for award steps that give it. */
  birthdayBonus?: number;
  /** Rewards by id: their name and points cost. An unknown reward is unavailable. */
  rewards?: Record<string, { name: string; pointsCost: number }>;
  /** Email steps the customer would open or click, by step id. */
  emailEngagement?: Record<string, { opened?: boolean; clicked?: boolean }>;
  /** Segment ids the customer is a member of, for segment rules. */
  segmentIds?: string[];
  /**
   * ISO instants of the customer's mails (any journey's) in the email cap's period before the
   * start: the cap counts them as the send activity does. None for a sample profile.
   */
  earlierEmailsAt?: string[];
}

export interface SimulatedEvent {
  /** ISO instant; events before `start` arrive at the start. */
  at: string;
  name: string;
  properties?: Record<string, unknown>;
  /** Defaults to a made-up unique id; give two events the same id to see a redelivery ignored. */
  id?: string;
}

export interface SimulationInput {
  program: JourneyProgram;
  profile: SimulatedProfile;
  events?: SimulatedEvent[];
  /** ISO instant the run starts. */
  start: string;
  triggerEvent?: TriggerEvent;
  /** Stands in for the workflow id: random splits hash it, so a given key always takes the same branch. */
  runKey?: string;
  /** The clock stops here: a run still waiting then is reported as `waiting`. Default: start + 400 days. */
  until?: string;
  /**
   * Quiet hours and the email cap, decided as the send activity decides them (the server
   * passes emails/send-window.ts; workflow code imports no mail code). Without it, no
   * email is put off.
   */
  sendWindow?: SendWindowRule;
  /**
   * Whether an email may go to the customer, decided as the send activity decides it (the
   * server passes db/compliance/decide-send.ts over the template's category and topic and the
   * customer's suppression and topic opt-outs). Without it, only marketing consent is asked
   * and every email counts as marketing (`no_consent`).
   */
  sendDecision?: SendDecisionRule;
}

export type SendDecisionRule = (input: {
  templateId: string;
  /** Consent as it stands at this point of the run (a journey's consent step changes it). */
  marketingConsent: boolean;
}) => { allowed: true } | { allowed: false; reason: string };

export type SendWindowRule = (input: {
  now: Date;
  timeZone: string;
  quietHours: { startHour: number; endHour: number } | null;
  emailCap: { count: number; periodHours: number } | null;
  /** When the customer's earlier emails went out: the profile's, then this run's. */
  sentAt: Date[];
}) => { send: true } | { send: false; reason: 'quiet_hours' | 'email_cap'; until: Date };

export interface SimulatedAction {
  at: string;
  stepId: string;
  kind: 'activity' | 'sleep' | 'wait' | 'event' | 'timer' | 'exit' | 'skip';
  detail: Record<string, unknown>;
}

export interface SimulationResult {
  status: 'completed' | 'failed' | 'waiting';
  path: RunState['path'];
  actions: SimulatedAction[];
  skips: RunState['skips'];
  exitedBy: RunState['exitedBy'];
  error?: string;
  /** The virtual time the simulation ended. */
  endedAt: string;
  state: RunState;
}

const maxIterations = 10_000;

export function simulateJourney(input: SimulationInput): SimulationResult {
  const { program, profile } = input;
  const fake = new FakeCustomer(
    profile,
    {
      rule: input.sendWindow ?? null,
      quietHours: program.settings.quietHours,
      emailCap: program.settings.emailCap,
    },
    input.sendDecision ?? null,
  );
  const horizon = Date.parse(
    input.until ?? new Date(Date.parse(input.start) + 400 * 86_400_000).toISOString(),
  );
  const queue: JourneyEvent[] = (input.events ?? [])
    .map((event, index) => ({
      id: event.id ?? `sim_evt_${index + 1}`,
      name: event.name,
      properties: event.properties ?? {},
      occurredAt: new Date(Math.max(Date.parse(event.at), Date.parse(input.start))).toISOString(),
    }))
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const actions: SimulatedAction[] = [];
  let clock = Date.parse(input.start);
  const now = () => new Date(clock).toISOString();

  let outcome: StepOutcome = step(program, initialRunState, {
    kind: 'start',
    now: now(),
    context: {
      runKey: input.runKey ?? `simulation:${program.journeyId}`,
      profile: { timeZone: profile.timeZone, locale: profile.locale ?? null, attributes: fake.attributes },
      triggerEvent: input.triggerEvent ?? null,
    },
  });
  let state = outcome.state;
  let pending: Effect | null = outcome.effects[0] ?? null;
  const apply = (next: StepOutcome) => {
    const skipsBefore = state.skips.length;
    state = next.state;
    for (const skip of state.skips.slice(skipsBefore))
      actions.push({ at: now(), stepId: skip.stepId, kind: 'skip', detail: { reason: skip.reason } });
    if (next.effects[0]) pending = next.effects[0];
    else if (state.status !== 'running') pending = null;
  };
  const deliver = (event: JourneyEvent) => {
    actions.push({
      at: now(),
      stepId: state.currentStepId ?? '',
      kind: 'event',
      detail: { name: event.name, id: event.id },
    });
    apply(step(program, state, { kind: 'event', event, now: now() }));
  };

  let announced: Effect | null = null;
  for (let i = 0; i < maxIterations && pending; i += 1) {
    const effect: Effect = pending;
    if (effect.kind === 'complete' || effect.kind === 'fail') break;
    if (effect.kind === 'exit') {
      actions.push({ at: now(), stepId: '', kind: 'exit', detail: { reason: effect.reason } });
      break;
    }
    // As the workflow does: events that arrived while the last step ran are handled first.
    const due = queue[0];
    if (due && Date.parse(due.occurredAt) <= clock) {
      deliver(queue.shift()!);
      continue;
    }
    if (effect.kind === 'activity') {
      const result = fake.perform(effect, state, input.triggerEvent ?? null, now());
      actions.push({
        at: now(),
        stepId: effect.stepId,
        kind: 'activity',
        detail: { activity: effect.activity, ...result.detail },
      });
      apply(
        step(program, state, {
          kind: 'activity_result',
          stepId: effect.stepId,
          result: result.result,
          now: now(),
        }),
      );
      continue;
    }
    const until = Date.parse(effect.kind === 'sleep' ? effect.until : effect.timeoutAt);
    // Once per pause: an event that did not matter leaves the same pending effect.
    if (announced !== effect)
      actions.push(
        effect.kind === 'sleep'
          ? { at: now(), stepId: effect.stepId, kind: 'sleep', detail: { until: effect.until } }
          : {
              at: now(),
              stepId: effect.stepId,
              kind: 'wait',
              detail: { eventName: effect.eventName, timeoutAt: effect.timeoutAt },
            },
      );
    announced = effect;
    const next = queue[0];
    if (
      next &&
      Date.parse(next.occurredAt) <= Math.min(until, horizon) &&
      Date.parse(next.occurredAt) < until
    ) {
      clock = Math.max(clock, Date.parse(next.occurredAt));
      deliver(queue.shift()!);
      continue;
    }
    if (until > horizon) {
      clock = horizon;
      break;
    }
    clock = Math.max(clock, until);
    actions.push({ at: now(), stepId: effect.stepId, kind: 'timer', detail: {} });
    apply(step(program, state, { kind: 'timer_fired', stepId: effect.stepId, now: now() }));
  }

  const status = state.status === 'running' ? 'waiting' : state.status;
  return {
    status,
    path: state.path,
    actions,
    skips: state.skips,
    exitedBy: state.exitedBy,
    ...(state.error ? { error: state.error } : {}),
    endedAt: now(),
    state,
  };
}

/** The customer's loyalty and mail state, changed by the fake activities as the real ones would. */
class FakeCustomer {
  balance: number;
  attributes: Record<string, unknown>;
  private serial = 0;
  private readonly profile: SimulatedProfile;
  private readonly emailsSentAt: Date[];

  constructor(
    profile: SimulatedProfile,
    private readonly sendWindow: {
      rule: SendWindowRule | null;
      quietHours: { startHour: number; endHour: number } | null;
      emailCap: { count: number; periodHours: number } | null;
    },
    private readonly sendDecision: SendDecisionRule | null,
  ) {
    // A copy: a consent change by the journey must not change the caller's object.
    this.profile = { ...profile };
    this.emailsSentAt = (profile.earlierEmailsAt ?? []).map((at) => new Date(at));
    this.balance = profile.balance ?? 0;
    this.attributes = { ...(profile.attributes ?? {}) };
  }

  perform(
    call: ActivityCall & { stepId: string },
    state: RunState,
    triggerEvent: TriggerEvent | null,
    now: string,
  ): { result: unknown; detail: Record<string, unknown> } {
    const id = (prefix: string) => `sim_${prefix}_${(this.serial += 1)}`;
    switch (call.activity) {
      case 'awardPoints': {
        const { args } = call;
        let base = args.points;
        if (args.programBonus === 'birthday') base = this.profile.birthdayBonus ?? 0;
        else if (args.formula) {
          try {
            base = Math.floor(
              evaluateFormula(args.formula, {
                event: triggerEvent?.properties ?? {},
                customer: this.attributes,
              }),
            );
          } catch (error) {
            if (!(error instanceof FormulaError)) throw error;
            return skipped(`formula: ${error.message}`);
          }
        }
        const multiplierPercent = args.applyTierMultiplier
          ? (this.profile.tier?.multiplierPercent ?? 100)
          : 100;
        const points = Math.floor((base * multiplierPercent) / 100);
        if (points < 1) return skipped(`the award came to ${points} points, less than one`);
        this.balance += points;
        const expiresAt =
          args.expiresInMonths === null
            ? null
            : new Date(
                new Date(now).setUTCMonth(new Date(now).getUTCMonth() + args.expiresInMonths),
              ).toISOString();
        return {
          result: {
            status: 'awarded',
            entryId: id('led'),
            points,
            balance: this.balance,
            expiresAt,
            multiplierPercent,
          },
          detail: { wouldWrite: { kind: 'earn', points, expiresAt }, balance: this.balance },
        };
      }
      case 'deductPoints': {
        const { points } = call.args;
        if (this.balance < points)
          return {
            result: { status: 'insufficient', balance: this.balance, points },
            detail: { insufficient: true },
          };
        this.balance -= points;
        return {
          result: { status: 'deducted', entryId: id('led'), points, balance: this.balance },
          detail: { wouldWrite: { kind: 'redeem', points }, balance: this.balance },
        };
      }
      case 'issueReward': {
        const reward = this.profile.rewards?.[call.args.rewardId];
        if (!reward)
          return {
            result: { status: 'unavailable', reason: 'unknown reward' },
            detail: { unavailable: true },
          };
        const cost = call.args.charge ? reward.pointsCost : 0;
        if (cost > this.balance)
          return {
            result: { status: 'unavailable', reason: 'insufficient points' },
            detail: { unavailable: true },
          };
        this.balance -= cost;
        const code = `SIM0-${String(this.serial + 1).padStart(4, '0')}-0000-0000`;
        return {
          result: {
            status: 'issued',
            voucherId: id('vch'),
            code,
            rewardId: call.args.rewardId,
            rewardName: reward.name,
            pointsSpent: cost,
            expiresAt: null,
          },
          detail: { code, pointsSpent: cost },
        };
      }
      case 'recalculateTier':
        return { result: { changed: false, tierId: this.profile.tier?.id ?? null }, detail: {} };
      case 'readLoyalty': {
        const required = call.args.minTierId
          ? (this.profile.tierThresholds?.[call.args.minTierId] ?? null)
          : null;
        return {
          result: { balance: this.balance, tier: this.tier(), requiredTierThreshold: required },
          detail: {},
        };
      }
      case 'readFacts': {
        const emails = Object.fromEntries(
          call.args.emailStepIds.map((stepId) => {
            const engagement = this.profile.emailEngagement?.[stepId];
            const sent = (state.results[stepId] as { status?: string } | undefined)?.status === 'would_send';
            return [
              stepId,
              {
                sent,
                opened: sent && (engagement?.opened ?? false),
                clicked: sent && (engagement?.clicked ?? false),
              },
            ];
          }),
        );
        const tierThresholds = Object.fromEntries(
          call.args.tierIds.flatMap((tierId) => {
            const threshold = this.profile.tierThresholds?.[tierId];
            return threshold === undefined ? [] : [[tierId, threshold]];
          }),
        );
        return {
          result: {
            balance: this.balance,
            tier: this.tier(),
            tierThresholds,
            attributes: this.attributes,
            emails,
            segments: Object.fromEntries(
              (call.args.segmentIds ?? []).map((id) => [id, this.profile.segmentIds?.includes(id) ?? false]),
            ),
          },
          detail: { balance: this.balance },
        };
      }
      case 'sendEmail': {
        if (this.profile.hasEmail === false) return suppressed('no_email_address');
        const marketingConsent = this.profile.marketingConsent !== false;
        if (this.sendDecision) {
          const decision = this.sendDecision({ templateId: call.args.templateId, marketingConsent });
          if (!decision.allowed) return suppressed(decision.reason);
        } else if (!marketingConsent) return suppressed('no_consent');
        // As the activity: only a mail that could go out is put off, and the interpreter
        // sleeps until `until` and asks again.
        const { rule, quietHours, emailCap } = this.sendWindow;
        if (rule && (quietHours || emailCap)) {
          const window = rule({
            now: new Date(now),
            timeZone: this.profile.timeZone,
            quietHours,
            emailCap,
            sentAt: this.emailsSentAt,
          });
          if (!window.send) {
            const deferred = { status: 'deferred', reason: window.reason, until: window.until.toISOString() };
            return { result: deferred, detail: deferred };
          }
        }
        this.emailsSentAt.push(new Date(now));
        return {
          result: { status: 'would_send', templateId: call.args.templateId },
          detail: { status: 'would_send', templateId: call.args.templateId },
        };
      }
      case 'updateProfile':
        this.change(call.args.change);
        return {
          result: { status: 'updated', change: call.args.change },
          detail: { change: call.args.change },
        };
      case 'callWebhook':
        return {
          result: { status: 'success', statusCode: 200, responseBody: '' },
          detail: { status: 'would_call', url: call.args.url, method: call.args.method },
        };
    }

    function skipped(reason: string) {
      return { result: { status: 'skipped', reason, points: 0 }, detail: { skipped: reason } };
    }
    function suppressed(reason: string) {
      return { result: { status: 'suppressed', messageLogId: '', reason }, detail: { suppressed: reason } };
    }
  }

  private tier() {
    const tier = this.profile.tier;
    return tier ? { id: tier.id, name: tier.name, threshold: tier.threshold } : null;
  }

  private change(change: ProfileChange): void {
    const tags = Array.isArray(this.attributes['tags']) ? (this.attributes['tags'] as unknown[]) : [];
    switch (change.kind) {
      case 'set_attribute':
        this.attributes[change.attribute] = change.value;
        break;
      case 'add_tag':
        if (!tags.includes(change.tag)) this.attributes['tags'] = [...tags, change.tag];
        break;
      case 'remove_tag':
        this.attributes['tags'] = tags.filter((tag) => tag !== change.tag);
        break;
      case 'set_consent':
        this.profile.marketingConsent = change.consent;
        break;
    }
  }
}

/** The customer's local time at `at`, for showing simulated actions in their zone. */
export function localTimeOf(at: string, timeZone: string): string {
  const local = new TZDate(Date.parse(at), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
