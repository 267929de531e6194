import { describe, expect, it } from 'vitest';
import { chapter4Numbers } from '../../../../src/core/vi/cavi/chapterNumbers';

describe('chapter 4 numbers', () => {
  it('are consistent with the closed forms the prose states', () => {
    const n = chapter4Numbers();
    expect(n.varianceRatio09).toBeCloseTo(0.19, 12);
    // the CAVI mean error contracts by ρ² per sweep (two updates): slower at ρ = 0.9 than at 0.5
    expect(n.updatesToConverge09).toBeGreaterThan(3 * n.updatesToConverge05);
    expect(Math.abs(n.reverseKl5 - Math.LN2)).toBeLessThan(0.01);
    expect(n.forwardVarianceInflation5).toBeGreaterThan(2);
    expect(n.raceCaviError200).toBeLessThan(n.raceGibbsError200);
    expect(n.raceGibbsError20000).toBeLessThan(n.raceGibbsError200);
    expect(n.raceVarianceRatio).toBeLessThan(1);
  });
});
