import { describe, expect, it } from 'vitest';
import { isPublicPath } from './public-paths';

describe('isPublicPath', () => {
  it('lets customers and APIs through and keeps the app behind sign-in', () => {
    for (const path of [
      '/login',
      '/member/tok',
      '/preferences/tok',
      '/unsubscribe/tok',
      '/t/o/tok',
      '/api/trpc/x',
      '/v1/batch',
      '/icon.svg',
    ]) {
      expect(isPublicPath(path), path).toBe(true);
    }
    for (const path of [
      '/',
      '/journeys',
      '/runs/x',
      '/settings/members',
      '/loginx',
      '/members',
      '/memberx/1',
    ]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});
