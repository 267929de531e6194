import { describe, expect, it } from 'vitest';
import { chapter9Numbers } from '../../../../src/core/vi/estimator/chapterNumbers';

describe("chapter 9's numbers support what the prose says about them", () => {
  const c = chapter9Numbers();
  it('the limit is far from τ*² at J = 1, approaches it as J grows, and the expansion is close at J = 100', () => {
    expect(c.limitM1).toBeLessThan(0.5);
    expect(c.limitM1C1).toBeGreaterThan(1.5);
    expect(c.limitM1).toBeLessThan(c.limitM10);
    expect(c.limitM10).toBeLessThan(c.limitM100);
    expect(Math.abs(c.limitM100 - c.expansionM100)).toBeLessThan(1e-3);
    expect(Math.abs(c.mc1.vemTau2.mean - c.limitM1)).toBeLessThan(0.05);
  });
  it('coverage: the MLE near 95%, the variational τ² near 0 for θ* at J = 1, the naive μ intervals well below', () => {
    expect(c.mc1.mleTau2.coverage.curvature).toBeGreaterThan(0.9);
    expect(c.mc1.vemTau2.coverage.sandwich).toBeLessThan(0.1);
    expect(c.mc1.vemTau2.coverageOfLimit).toBeGreaterThan(0.85);
    expect(c.mc1.mleMu.coverage.naive).toBeLessThan(0.9);
    expect(c.mc1.vemMu.coverage.naive).toBeLessThan(c.mc1.mleMu.coverage.naive);
    expect(c.mc100.vemTau2.coverage.sandwich).toBeGreaterThan(0.85);
  });
  it('the orderings the text states: naive < curvature for μ; curvature > true sd for the variational τ²; VEM less variable than the MLE', () => {
    expect(c.vemMuNaiveSe).toBeLessThan(c.vemMuCurvatureSe);
    expect(c.vemMuCurvatureSe).toBeLessThan(c.muSd);
    expect(c.vemTau2CurvatureSe).toBeGreaterThan(c.vemTau2SandwichSd);
    expect(c.vemTau2SandwichSd).toBeLessThan(c.mleTau2Sd);
  });
});
