const journeyStatusLabels: Record<string, string> = {
  draft: 'Draft',
  live: 'Live',
  paused: 'Paused',
  stopped: 'Stopped',
};

export function JourneyStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge--${status}`} data-testid="journey-status">
      {journeyStatusLabels[status] ?? status}
    </span>
  );
}

/** Temporal's RUNNING / TIMED_OUT … as a marketer reads them: "Running", "Timed out". */
export function runStatusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge--run-${status.toLowerCase()}`} data-testid="run-status">
      {runStatusLabel(status)}
    </span>
  );
}

export function MessageStatusBadge({ status }: { status: string }) {
  return <span className={`badge badge--message-${status}`}>{runStatusLabel(status)}</span>;
}
