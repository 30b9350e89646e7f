import { describe, expect, it } from 'vitest';
import { testMessageId, testMessageIdPrefix } from './test-message-id';

describe('testMessageId', () => {
  it('starts with the workspace prefix and differs per send', () => {
    const first = testMessageId('ws_abc', 'shop.example');
    expect(first.startsWith(testMessageIdPrefix('ws_abc'))).toBe(true);
    expect(first).toMatch(/^<test\.ws_abc\.[^@\s]+@shop\.example>$/);
    expect(testMessageId('ws_abc', 'shop.example')).not.toBe(first);
    expect(first.startsWith(testMessageIdPrefix('ws_ab'))).toBe(false);
  });
});
