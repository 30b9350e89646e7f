import { sql } from 'drizzle-orm';
import { getDatabase } from '../../../server/database';

export const dynamic = 'force-dynamic';

/** Readiness for scripts and the e2e web server: the app is up and its database answers. */
export async function GET() {
  try {
    await getDatabase().execute(sql`select 1`);
    return Response.json({ ok: true });
  } catch (error) {
    return Response.json(
      { ok: false, error: error instanceof Error ? error.message : String(error) },
      { status: 503 },
    );
  }
}
