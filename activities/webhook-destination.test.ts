import { describe, expect, it } from 'vitest';
import {
  addressRange,
  checkLiteralHost,
  isPublicAddress,
  PrivateDestinationError,
} from './webhook-destination';

describe('isPublicAddress', () => {
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.4.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fd00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('%s is not (%s)', (address, range) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(addressRange(address)).toBe(range);
  });
});

describe('checkLiteralHost', () => {
  it('refuses a private IP literal, naming it', () => {
    expect(() => checkLiteralHost(new URL('https://192.168.0.10/hook'))).toThrow(
      new PrivateDestinationError('192.168.0.10', '192.168.0.10', 'private'),
    );
    expect(() => checkLiteralHost(new URL('https://[::1]:8443/hook'))).toThrow(PrivateDestinationError);
  });

  it('leaves names and public literals to the connection', () => {
    expect(() => checkLiteralHost(new URL('https://hooks.example.com/x'))).not.toThrow();
    expect(() => checkLiteralHost(new URL('https://8.8.8.8/x'))).not.toThrow();
  });
});
