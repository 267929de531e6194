import { describe, expect, it } from 'vitest';
import { chapter3Numbers } from '../../../../src/core/vi/elbo/chapterNumbers';

describe('chapter 3 numbers', () => {
  it('tell the story the prose tells: a too-narrow q shrinks τ², a too-wide q inflates it', () => {
    const n = chapter3Numbers();
    expect(n.variationalTau2Narrow).toBeLessThan(n.mleTau2);
    expect(n.variationalTau2Wide).toBeGreaterThan(n.mleTau2);
    expect(n.logLikGapNarrow).toBeGreaterThan(0);
    expect(n.posteriorVarAtMle).toBeCloseTo(n.mleTau2 / (n.mleTau2 + 1), 12);
    // the exact MLE is nearly unbiased for τ² = 1 at n = 40; the variational one is far below
    expect(Math.abs(n.meanExactTau2 - 1)).toBeLessThan(0.15);
    expect(n.meanVariationalTau2).toBeLessThan(0.7);
  });
});
