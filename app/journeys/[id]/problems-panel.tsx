'use client';

import { useTranslations } from 'next-intl';
import type { CompileError } from '../../../workflows/journey/compiler';
import { useCompileMessage } from '../../_i18n/use-compile-message';

interface ProblemsPanelProps {
  problems: CompileError[];
  describeNode: (nodeId: string) => string | null;
  onShow: (problem: CompileError) => void;
}

/** Every reason the last publish was refused, including those no single step can show. */
export function ProblemsPanel({ problems, describeNode, onShow }: ProblemsPanelProps) {
  const t = useTranslations('problems');
  const compileMessage = useCompileMessage();
  return (
    <section className="card" data-testid="problems-panel">
      <div className="card__header">
        <h2 id="problems-panel-title">{t('title', { count: problems.length })}</h2>
      </div>
      <div className="card__body" style={{ paddingTop: 4, paddingBottom: 4 }}>
        <ul className="problems">
          {problems.map((problem, index) => {
            const where = problem.nodeId
              ? (describeNode(problem.nodeId) ?? t('step'))
              : problem.edgeId
                ? t('connection')
                : null;
            return (
              <li key={index} className="problems__item" data-testid="problem">
                <span aria-hidden>⚠</span>
                <span>
                  {where && (
                    <>
                      <button type="button" onClick={() => onShow(problem)}>
                        {where}
                      </button>
                      {': '}
                    </>
                  )}
                  {compileMessage(problem)}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
