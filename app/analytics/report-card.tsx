'use client';

import type { ReactNode } from 'react';
import styles from './analytics.module.css';

/** One report block: its title, the CSV download, the formula behind it, and chart and table. */
export function ReportCard({
  title,
  formula,
  actions,
  testId,
  children,
}: {
  title: string;
  formula?: string;
  actions?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="card" data-testid={testId}>
      <div className="card__header">
        <h2>{title}</h2>
        {actions}
      </div>
      {formula && <p className={styles.formula}>{formula}</p>}
      {children}
    </section>
  );
}
