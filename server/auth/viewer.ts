import type { Auth } from './auth';

/** The signed-in person behind a request. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
}

/** Reads and checks the session cookie (one query: session joined to its user); null when signed out or expired. */
export async function viewerFromHeaders(auth: Auth, headers: Headers): Promise<Viewer | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  return { userId: session.user.id, email: session.user.email, name: session.user.name };
}
