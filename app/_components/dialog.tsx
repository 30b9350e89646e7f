'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/** A modal with its title; Escape closes it, focus starts on the first field or button. */
export function Dialog({
  title,
  testId,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, button')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
  return (
    <div className="studio-dialog__backdrop">
      <div
        ref={ref}
        className="studio-dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
      >
        <div className="card__header">
          <h2 id={`${testId}-title`}>{title}</h2>
        </div>
        <div className="card__body">{children}</div>
      </div>
    </div>
  );
}
