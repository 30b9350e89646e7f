/**
 * One check of the system page: it answered (with how long it took), failed, or did not
 * answer within its own time limit. Each probe has its own limit, so one hanging service
 * shows as "no answer" instead of hanging the whole page.
 */
export type ProbeResult<T> =
  | { state: 'ok'; latencyMs: number; value: T }
  | { state: 'error'; latencyMs: number; error: string }
  | { state: 'timeout'; latencyMs: number; timeoutMs: number }
  | { state: 'not_configured' };

/** Long driver messages (stack-like gRPC details) are cut; the page shows them folded away. */
const maxErrorLength = 300;

export async function probe<T>(timeoutMs: number, check: () => Promise<T>): Promise<ProbeResult<T>> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // The check keeps running after a timeout; each one also bounds itself (gRPC deadline,
    // socket timeouts), so nothing piles up when the page refreshes.
    const outcome = await Promise.race([check().then((value) => ({ value })), timedOut]);
    if (outcome === 'timeout') return { state: 'timeout', latencyMs: elapsed(), timeoutMs };
    return { state: 'ok', latencyMs: elapsed(), value: outcome.value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { state: 'error', latencyMs: elapsed(), error: message.slice(0, maxErrorLength) };
  } finally {
    clearTimeout(timer);
  }
}
