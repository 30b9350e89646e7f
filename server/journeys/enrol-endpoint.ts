import { z } from 'zod';
import { findJourneyForEntry } from '../../db/journeys/journey-for-entry';
import { journeyProgramSchema } from '../../workflows/journey/program';
import { entryPlanFor, isWithinActiveWindow } from '../../workflows/journey/entry-key';
import { ApiError } from '../http/api-error';
import { apiEndpoint } from '../http/api-endpoint';
import { opaqueIdSchema } from '../ids';
import { externalCustomerIdSchema, requireExternalCustomer } from '../loyalty-api/fields';
import { getTemporal } from '../temporal/app-client';
import type { TemporalHandle } from '../temporal/client';
import { startJourneyRun } from '../temporal/start-journey-run';

/** The trigger event a manual enrolment's run receives: formulas and templates read `event.properties`. */
export const enrolmentEventName = 'journey_enrolment';

export const enrolBodySchema = z.strictObject({
  /** The shop's customer id, as everywhere in the API. */
  customerId: externalCustomerIdSchema,
  /** Handed to the run as its trigger event's properties. */
  properties: z.record(z.string(), z.unknown()).default({}),
});

/**
 * `POST /api/v1/journeys/{journeyId}/enrolments`: enters one customer into a live journey
 * whose trigger is "Manual or API". The journey's re-entry policy decides, through the
 * run's workflow id, whether the customer may enter again: a refusal is 409
 * `already_enrolled` naming the run that holds the place. Repeating a request is
 * therefore safe; no Idempotency-Key is needed.
 */
export function enrolEndpoint(temporal: () => Promise<TemporalHandle> = getTemporal) {
  return apiEndpoint({
    scope: 'loyalty:write',
    params: z.object({ journeyId: opaqueIdSchema }),
    body: enrolBodySchema,
    async handle({ db, workspaceId, params, body }) {
      const journey = await findJourneyForEntry(db, workspaceId, params.journeyId);
      if (!journey) {
        throw new ApiError(404, 'journey_not_found', `No journey with id "${params.journeyId}" exists.`);
      }
      if (journey.status === 'paused') {
        throw new ApiError(
          409,
          'journey_paused',
          'The journey is paused: it admits no one until it is resumed.',
        );
      }
      if (journey.status !== 'live' || !journey.program) {
        throw new ApiError(409, 'journey_not_live', `The journey is ${journey.status}: publish it first.`);
      }
      const program = journey.program;
      if (program.trigger.type !== 'trigger_manual') {
        throw new ApiError(
          422,
          'journey_not_manual',
          'Only journeys whose trigger is "Manual or API" take enrolments; this one starts by its own trigger.',
          { triggerType: program.trigger.type },
        );
      }
      const customer = await requireExternalCustomer(db, workspaceId, body.customerId);
      const settings = journeyProgramSchema.shape.settings.parse(program.settings ?? {});
      const now = new Date();
      if (!isWithinActiveWindow(settings, now)) {
        throw new ApiError(409, 'journey_not_active', 'The journey is outside its active window.', {
          activeFrom: settings.activeFrom,
          activeUntil: settings.activeUntil,
        });
      }
      const plan = entryPlanFor(settings, now, journey.timeZone);
      let outcome;
      try {
        const { client, settings: temporalSettings } = await temporal();
        outcome = await startJourneyRun(client, temporalSettings.taskQueue, {
          program,
          customerId: customer.id,
          entryKey: plan.entryKey,
          reusePolicy: plan.reusePolicy,
          triggerEvent: {
            name: enrolmentEventName,
            properties: body.properties,
            occurredAt: now.toISOString(),
          },
        });
      } catch (error) {
        console.error('Enrolment could not reach Temporal:', error);
        throw new ApiError(
          503,
          'engine_unavailable',
          'The journey engine is not reachable right now; nothing was started. Retry later.',
          {},
          { 'Retry-After': '30' },
        );
      }
      if (!outcome.started) {
        throw new ApiError(
          409,
          'already_enrolled',
          settings.reentry === 'after_exit'
            ? 'The customer is in this journey now; they may enter again once that run has ended.'
            : 'The journey’s re-entry rule does not let this customer enter again (yet).',
          { runId: outcome.workflowId, reentry: settings.reentry },
        );
      }
      return {
        status: 201,
        body: {
          enrolment: {
            journeyId: params.journeyId,
            journeyVersion: program.version,
            customerId: customer.externalId,
            runId: outcome.workflowId,
          },
        },
      };
    },
  });
}
