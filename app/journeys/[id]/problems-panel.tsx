'use client';

import type { CompileError } from '../../../workflows/journey/compiler';
import { withoutStepLabel } from './problem-text';

interface ProblemsPanelProps {
  problems: CompileError[];
  describeNode: (nodeId: string) => string | null;
  onShow: (problem: CompileError) => void;
}

/** Every reason the last publish was refused, including those no single step can show. */
export function ProblemsPanel({ problems, describeNode, onShow }: ProblemsPanelProps) {
  return (
    <section className="card" data-testid="problems-panel">
      <div className="card__header">
        <h2>
          {problems.length === 1 ? '1 problem' : `${problems.length} problems`} to fix before publishing
        </h2>
      </div>
      <div className="card__body" style={{ paddingTop: 4, paddingBottom: 4 }}>
        <ul className="problems">
          {problems.map((problem, index) => {
            const where = problem.nodeId
              ? describeNode(problem.nodeId)
              : problem.edgeId
                ? 'Connection'
                : null;
            return (
              <li key={index} className="problems__item" data-testid="problem">
                <span aria-hidden>⚠</span>
                <span>
                  {where && (problem.nodeId || problem.edgeId) ? (
                    <button type="button" onClick={() => onShow(problem)}>
                      {where}
                    </button>
                  ) : null}
                  {where ? ': ' : ''}
                  {withoutStepLabel(problem.message, where)}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
