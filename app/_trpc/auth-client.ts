'use client';

import { createAuthClient } from 'better-auth/react';

/** better-auth's browser client for /api/auth (sign in, sign out); same origin as the page. */
export const authClient = createAuthClient();
