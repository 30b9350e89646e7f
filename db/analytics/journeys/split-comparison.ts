import { differenceInterval, twoProportionZTest, wilsonInterval, type Interval } from './proportions';

/** Runs that took one output of a random split, and how many of them converted. */
export interface SplitOutcome {
  output: string;
  runs: number;
  converted: number;
}

/** One group against another: rate difference (a − b) with Newcombe's 95 % interval and a z-test. */
export interface Comparison {
  difference: number | null;
  interval: Interval | null;
  z: number | null;
  p: number | null;
  /** 'better' / 'worse' only when p < 0.05; otherwise the data cannot tell the groups apart. */
  verdict: 'better' | 'worse' | 'unclear';
}

export interface SplitRow extends SplitOutcome {
  rate: number | null;
  interval: Interval | null;
  /** Against `branch_1`; null for `branch_1` itself and for the holdout. */
  vsFirst: Comparison | null;
  /** Against the holdout; null without one and for the holdout itself. */
  vsHoldout: Comparison | null;
}

export interface SplitComparison {
  rows: SplitRow[];
  /** Every branch together against the holdout: does the journey beat doing nothing? */
  treatedVsHoldout: Comparison | null;
}

/** The significance level of the verdicts. */
export const alpha = 0.05;

export function compare(
  a: { runs: number; converted: number },
  b: { runs: number; converted: number },
): Comparison {
  const test = twoProportionZTest(a.converted, a.runs, b.converted, b.runs);
  const difference = a.runs > 0 && b.runs > 0 ? a.converted / a.runs - b.converted / b.runs : null;
  const verdict =
    test && test.p < alpha && difference !== null ? (difference > 0 ? 'better' : 'worse') : 'unclear';
  return {
    difference,
    interval: differenceInterval(a.converted, a.runs, b.converted, b.runs),
    z: test?.z ?? null,
    p: test?.p ?? null,
    verdict,
  };
}

/** `branch_2` after `branch_1`, `branch_10` after `branch_9`, the holdout last. */
function order(output: string): number {
  if (output === 'holdout') return Number.MAX_SAFE_INTEGER;
  const n = Number(/^branch_(\d+)$/.exec(output)?.[1]);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER - 1;
}

/**
 * Conversion per branch of a random split with its Wilson interval, each branch against the
 * first and against the holdout, and all branches together against the holdout.
 */
export function compareSplit(outcomes: SplitOutcome[]): SplitComparison {
  const sorted = [...outcomes].sort(
    (a, b) => order(a.output) - order(b.output) || a.output.localeCompare(b.output),
  );
  const first = sorted.find((o) => o.output === 'branch_1');
  const holdout = sorted.find((o) => o.output === 'holdout');
  const rows = sorted.map((o) => {
    const isHoldout = o.output === 'holdout';
    return {
      ...o,
      rate: o.runs > 0 ? o.converted / o.runs : null,
      interval: wilsonInterval(o.converted, o.runs),
      vsFirst: first && o !== first && !isHoldout ? compare(o, first) : null,
      vsHoldout: holdout && !isHoldout ? compare(o, holdout) : null,
    };
  });
  const treated = sorted
    .filter((o) => o.output !== 'holdout')
    .reduce((sum, o) => ({ runs: sum.runs + o.runs, converted: sum.converted + o.converted }), {
      runs: 0,
      converted: 0,
    });
  return { rows, treatedVsHoldout: holdout ? compare(treated, holdout) : null };
}
