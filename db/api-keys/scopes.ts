import { z } from 'zod';
import type { ApiKeyKind } from './key-format';

/**
 * What a key may do. Stored explicitly on every key (never "empty means everything"), so
 * a read-only POS key stays read-only when new endpoints are added.
 */
export const apiKeyScopes = {
  secret: ['loyalty:read', 'loyalty:write'],
  write: ['events:write'],
} as const satisfies Record<ApiKeyKind, readonly string[]>;

export type ApiKeyScope = (typeof apiKeyScopes)[ApiKeyKind][number];

export const apiKeyScopeSchema = z.enum([...apiKeyScopes.secret, ...apiKeyScopes.write]);
