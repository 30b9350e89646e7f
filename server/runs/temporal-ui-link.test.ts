import { describe, expect, it } from 'vitest';
import { temporalUiRunUrl } from './temporal-ui-link';

describe('temporalUiRunUrl', () => {
  it('links to the run history with the workflow id escaped', () => {
    expect(temporalUiRunUrl('http://127.0.0.1:8233/', 'default', 'journey:j1:c1:2026', 'r-1')).toBe(
      'http://127.0.0.1:8233/namespaces/default/workflows/journey%3Aj1%3Ac1%3A2026/r-1/history',
    );
  });

  it('gives no link when no Web UI is configured', () => {
    expect(temporalUiRunUrl(undefined, 'default', 'w', 'r')).toBeNull();
  });
});
