import type { APIRequestContext } from '@playwright/test';

/**
 * Setting up a spec's data through the app's own tRPC API, as the signed-in browser would
 * (the page's request context carries the session cookie), so a spec about the runs page
 * does not have to click a whole journey together first. Same wire format as the app's
 * client: POST /api/trpc/<path> with the input as superjson (`{ json: input }`).
 */
export async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await response.json()) as {
    result?: { data?: { json?: T } };
    error?: { json?: { message?: string } };
  };
  if (!response.ok() || !body.result) {
    throw new Error(
      `${path} failed: HTTP ${response.status()} ${body.error?.json?.message ?? JSON.stringify(body)}`,
    );
  }
  return body.result.data?.json as T;
}
