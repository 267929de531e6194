import { describe, expect, it } from 'vitest';
import { scoreRows, yDomain, type BnnSnapshot } from '../../../src/widgets/bnn-regression/logic';

const f = (...v: number[]) => Float64Array.from(v);
const score = (coverage: number, lpd: number) => ({ coverage, lpd, functionSd: 0.1 });

function snap(over: Partial<BnnSnapshot> = {}): BnnSnapshot {
  return {
    step: 3,
    box: f(-1.3, 1.3),
    gap: f(-0.2, 0.6),
    grid: f(-1, 0, 1),
    truth: f(0, 0, 0),
    trainX: f(-1, 1),
    trainY: f(-1, 1),
    viLower: f(-1.5, -1.5, -1.5),
    viUpper: f(1.5, 1.5, 1.5),
    viMedian: f(0, 0, 0),
    curves: [],
    mleCurve: f(0, 0, 0),
    mleLower: f(-1.2, -1.2, -1.2),
    mleUpper: f(1.2, 1.2, 1.2),
    viNoiseSd: 0.3,
    mleNoiseSd: 0.2,
    priorSds: f(1, 1),
    scores: { viGap: score(0.9, -0.5), viData: score(0.95, 0), mleGap: score(0.4, -9), mleData: score(0.89, 0.1) },
    family: 'mean-field',
    widthRatio: 1,
    functionSdRatio: 1,
    linear: null,
    ...over,
  };
}

describe('bnn-regression widget logic', () => {
  it('one row per fit, with its coverages, log predictive densities and σ̂', () => {
    const rows = scoreRows(snap());
    expect(rows.map((r) => r.fit)).toEqual(['VI (mean-field)', 'MLE network']);
    expect(rows[0]).toMatchObject({ coverageGap: 0.9, coverageData: 0.95, lpdGap: -0.5, noiseSd: 0.3 });
    expect(rows[1]).toMatchObject({ coverageGap: 0.4, lpdGap: -9, noiseSd: 0.2 });
    expect(scoreRows(snap({ family: 'linearized' }))[0].fit).toBe('VI (full cov., linearized)');
  });

  it('the y-range holds the data and the bands, but a wild band is cut at ±4 and at a margin around the data', () => {
    const [lo, hi] = yDomain(snap());
    expect(lo).toBeLessThanOrEqual(-1.5);
    expect(hi).toBeGreaterThanOrEqual(1.5);
    const wild = yDomain(snap({ viLower: f(-50, -50, -50), viUpper: f(50, 50, 50) }));
    expect(wild[0]).toBeGreaterThanOrEqual(-4);
    expect(wild[1]).toBeLessThanOrEqual(4);
    expect(wild[0]).toBeLessThanOrEqual(-1);
  });
});
