/** Deep link to one run's event history in the Temporal Web UI; null when no UI is configured. */
export function temporalUiRunUrl(
  uiUrl: string | undefined,
  namespace: string,
  workflowId: string,
  runId: string,
): string | null {
  if (!uiUrl) return null;
  const base = uiUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`;
}
