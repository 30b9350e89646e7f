import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, requireEnv } from './env';

describe('parseEnv', () => {
  it('fills the embedded defaults and derives APP_URL from PORT', () => {
    const env = parseEnv({ PORT: '3300' });
    expect(env).toMatchObject({
      PORT: 3300,
      APP_URL: 'http://localhost:3300',
      TEMPORAL_NAMESPACE: 'default',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', SMTP_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() =>
      parseEnv({ DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'localhost', PORT: 'eighty' }),
    ).toThrow(EnvError);
    const bad = () => parseEnv({ DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'localhost' });
    expect(bad).toThrow(/DATABASE_URL: must be a postgres:\/\//);
    expect(bad).toThrow(/TEMPORAL_ADDRESS: must be host:port/);
  });

  it('says how to get a missing connection variable', () => {
    expect(() => requireEnv(parseEnv({}), 'TEMPORAL_ADDRESS')).toThrow(
      /TEMPORAL_ADDRESS is not set.*npm start/,
    );
  });
});
