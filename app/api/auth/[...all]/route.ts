import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '../../../../server/auth/app-auth';

// Sign-in, sign-out, session and password endpoints (better-auth), under /api/auth/*.
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return toNextJsHandler(getAuth()).GET(request);
}

export function POST(request: Request) {
  return toNextJsHandler(getAuth()).POST(request);
}
