import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/client';
import { customerWithHistory } from '../../db/gdpr/testing/customer-with-history';
import { createCallerFactory } from '../trpc';
import { appRouter } from './_app';
import { refusal, testCaller } from '../../scripts/test/trpc-caller';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(() => handle.close());

const createCaller = createCallerFactory(appRouter);
// Temporal is down for these callers: export and erase must still answer, and say so.
const callerFor = (workspaceId: string) => testCaller(handle.db, workspaceId);

describe('gdpr router', () => {
  it('exports, refuses an unconfirmed erasure, erases, and shows the tombstone', async () => {
    const person = await customerWithHistory(handle.db, 'router');
    const api = callerFor(person.workspaceId);

    const exported = await api.gdpr.export({ customerId: person.customerId });
    expect(exported.customer.email).toBe(person.email);
    expect(exported.journeyRuns).toMatchObject({ available: false, reason: expect.stringContaining('down') });
    expect(await api.gdpr.status({ customerId: person.customerId })).toEqual({
      erasedAt: null,
      erasure: null,
    });

    const base = { customerId: person.customerId, requestedBy: 'Dana', reason: 'Ticket 4711' };
    expect(await refusal(api.gdpr.erase({ ...base, confirm: 'erase' as 'ERASE' }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['confirm'],
    });
    expect(await refusal(api.gdpr.erase({ ...base, confirm: 'ERASE', reason: '' }))).toEqual({
      code: 'BAD_REQUEST',
      paths: ['reason'],
    });
    expect(
      await refusal(api.gdpr.erase({ ...base, confirm: 'ERASE', reason: `From ${person.email}` })),
    ).toEqual({ code: 'BAD_REQUEST', paths: ['reason'] });

    const erased = await api.gdpr.erase({ ...base, confirm: 'ERASE' });
    expect(erased).toMatchObject({
      replayed: false,
      runs: { cancelled: 0, warning: expect.stringContaining('Temporal is down') },
    });
    const status = await api.gdpr.status({ customerId: person.customerId });
    expect(status).toMatchObject({
      erasedAt: expect.any(Date),
      erasure: { requestedBy: 'Dana', reason: 'Ticket 4711', summary: erased.summary },
    });
    const profile = await api.customers.get({ id: person.customerId });
    expect(profile.customer).toMatchObject({ email: null, firstName: null, erasedAt: expect.any(Date) });
    expect(await api.gdpr.erase({ ...base, confirm: 'ERASE' })).toMatchObject({
      replayed: true,
      summary: erased.summary,
    });
  });

  it('another workspace’s customer is not found', async () => {
    const person = await customerWithHistory(handle.db, 'router isolation');
    const other = await customerWithHistory(handle.db, 'router isolation other');
    const api = callerFor(other.workspaceId);
    expect((await refusal(api.gdpr.export({ customerId: person.customerId }))).code).toBe('NOT_FOUND');
    expect(
      (
        await refusal(
          api.gdpr.erase({
            customerId: person.customerId,
            confirm: 'ERASE',
            requestedBy: 'Dana',
            reason: 'x y z',
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });
});
