import { describe, expect, it } from 'vitest';
import { customerTraits } from './traits';

describe('customerTraits', () => {
  it('maps both spellings of the profile traits and keeps the rest as attributes', () => {
    expect(
      customerTraits({
        email: ' anna@example.test ',
        first_name: 'Anna',
        lastName: 'Berg',
        birthday: '1990-05-17T00:00:00.000Z',
        timeZone: 'Europe/Vienna',
        language: 'de-at',
        plan: 'gold',
        address: { city: 'Graz' },
      }),
    ).toEqual({
      traits: {
        fields: {
          email: 'anna@example.test',
          firstName: 'Anna',
          lastName: 'Berg',
          birthday: '1990-05-17',
          timeZone: 'Europe/Vienna',
          locale: 'de-AT',
        },
        attributes: { plan: 'gold', address: { city: 'Graz' } },
      },
      issues: [],
    });
  });

  it('leaves fields sent as null or empty alone', () => {
    expect(customerTraits({ email: null, firstName: '', timezone: undefined }).traits.fields).toEqual({});
  });

  it('names each trait that does not fit, by the key sent', () => {
    expect(
      customerTraits({ email: 'nope', birthday: '1990-02-30', time_zone: 'Mars/Olympus', first_name: 7 })
        .issues,
    ).toEqual([
      { key: 'email', message: 'must be an email address' },
      { key: 'first_name', message: 'must be a string' },
      { key: 'birthday', message: 'must be a date such as 1990-05-17' },
      { key: 'time_zone', message: 'must be an IANA time zone such as Europe/Berlin' },
    ]);
  });

  it('reads marketing consent as a boolean, in either spelling, and refuses anything else', () => {
    expect(customerTraits({ marketingConsent: true }).traits.fields).toEqual({ marketingConsent: true });
    expect(customerTraits({ marketing_consent: false }).traits).toEqual({
      fields: { marketingConsent: false },
      attributes: {},
    });
    expect(customerTraits({ marketing_consent: 'yes' }).issues).toEqual([
      { key: 'marketing_consent', message: 'must be true or false' },
    ]);
  });
});
