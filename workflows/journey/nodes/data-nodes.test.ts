import { describe, expect, it } from 'vitest';
import { findNodeType } from '.';
import { parseAttributeValue } from './update-profile';
import { webhookUrlProblem } from './webhook';

const node = (type: string) => findNodeType(type)!;
const fieldsOf = (type: string, config: unknown) => {
  const result = node(type).parseConfig(config);
  return result.ok ? [] : result.issues.map((issue) => `${issue.field}:${issue.kind}`);
};

describe('update profile node', () => {
  const base = { attribute: '', valueType: 'text', value: '', tag: '', consent: 'granted' };

  it('turns each action into one typed change', () => {
    const action = (config: Record<string, unknown>) =>
      node('update_profile').action!({ ...base, ...config });
    expect(
      action({ action: 'set_attribute', attribute: 'visits', valueType: 'number', value: '3,5' }),
    ).toEqual({
      activity: 'updateProfile',
      args: { change: { kind: 'set_attribute', attribute: 'visits', value: 3.5 } },
    });
    expect(
      action({ action: 'set_attribute', attribute: 'vip', valueType: 'boolean', value: 'true' }).args,
    ).toEqual({
      change: { kind: 'set_attribute', attribute: 'vip', value: true },
    });
    expect(action({ action: 'add_tag', tag: 'vip' }).args).toEqual({
      change: { kind: 'add_tag', tag: 'vip' },
    });
    expect(action({ action: 'remove_tag', tag: 'vip' }).args).toEqual({
      change: { kind: 'remove_tag', tag: 'vip' },
    });
    expect(action({ action: 'set_consent', consent: 'revoked' }).args).toEqual({
      change: { kind: 'set_consent', consent: false },
    });
  });

  it('names the field that is wrong', () => {
    expect(
      fieldsOf('update_profile', { ...base, action: 'set_attribute', valueType: 'number', value: 'x' }),
    ).toEqual(['attribute:required', 'value:invalid']);
    expect(
      fieldsOf('update_profile', { ...base, action: 'set_attribute', attribute: 'tags', value: 'a' }),
    ).toEqual(['attribute:invalid']);
    expect(
      fieldsOf('update_profile', { ...base, action: 'set_attribute', attribute: '1st', value: 'a' }),
    ).toEqual(['attribute:invalid']);
    expect(fieldsOf('update_profile', { ...base, action: 'add_tag' })).toEqual(['tag:required']);
    expect(fieldsOf('update_profile', { ...base, action: 'set_consent' })).toEqual([]);
  });

  it('reads dates and booleans strictly', () => {
    expect(parseAttributeValue('date', '2026-02-28')).toBe('2026-02-28');
    expect(parseAttributeValue('date', '2026-02-30')).toBeUndefined();
    expect(parseAttributeValue('boolean', 'yes')).toBeUndefined();
    expect(parseAttributeValue('number', '')).toBeUndefined();
    expect(parseAttributeValue('text', '')).toBe('');
  });
});

describe('webhook node', () => {
  const config = {
    url: 'https://hooks.example.com/journeys',
    method: 'PUT',
    bodyTemplate: '{"id": {{ customer.id | json }}}',
    timeoutSeconds: 5,
    retries: 2,
  };

  it('calls the activity with the config and branches on its result', () => {
    const webhook = node('webhook');
    expect(webhook.action!(config)).toEqual({ activity: 'callWebhook', args: config });
    expect(webhook.outputs(config)).toEqual(['success', 'failure']);
    expect(webhook.outputAfter(config, { status: 'success', statusCode: 200, responseBody: '' })).toBe(
      'success',
    );
    expect(
      webhook.outputAfter(config, { status: 'failure', statusCode: 400, responseBody: '', error: 'x' }),
    ).toBe('failure');
    expect(webhook.summaryValues(config)).toEqual({ method: 'PUT', host: 'hooks.example.com' });
  });

  it('bounds timeout and retries and refuses insecure URLs', () => {
    expect(fieldsOf('webhook', { ...config, timeoutSeconds: 0, retries: 11 })).toEqual([
      'timeoutSeconds:min',
      'retries:max',
    ]);
    expect(fieldsOf('webhook', { ...config, url: 'http://example.com/x' })).toEqual(['url:invalid']);
    expect(fieldsOf('webhook', { ...config, url: '' })).toEqual(['url:required']);
    expect(webhookUrlProblem('http://localhost:4000/hook')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook')).toBeNull();
    expect(webhookUrlProblem('https://user:pw@example.com/')).toMatch(/credentials/);
    expect(webhookUrlProblem('ftp://example.com/')).toMatch(/https/);
    expect(webhookUrlProblem('not a url')).toMatch(/full URL/);
  });
});
