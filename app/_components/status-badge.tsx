'use client';

import { useStatusLabels } from '../_i18n/status-labels';

export function JourneyStatusBadge({ status }: { status: string }) {
  const labels = useStatusLabels();
  return (
    <span className={`badge badge--${status}`} data-testid="journey-status" data-status={status}>
      {labels.journey(status)}
    </span>
  );
}

export function RunStatusBadge({ status }: { status: string }) {
  const labels = useStatusLabels();
  return (
    <span
      className={`badge badge--run-${status.toLowerCase()}`}
      data-testid="run-status"
      data-status={status}
    >
      {labels.run(status)}
    </span>
  );
}

export function MessageStatusBadge({ status }: { status: string }) {
  const labels = useStatusLabels();
  return (
    <span className={`badge badge--message-${status}`} data-status={status}>
      {labels.message(status)}
    </span>
  );
}
