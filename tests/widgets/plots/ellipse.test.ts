import { describe, expect, it } from 'vitest';
import { covarianceEllipse } from '../../../src/widgets/plots/ScatterPlot/ellipse';

describe('covarianceEllipse', () => {
  it('axis-aligned covariance: radii are n·σ times the pixel scale', () => {
    const e = covarianceEllipse([4, 0, 0, 1], 10, 10, 2);
    expect(e.rx).toBeCloseTo(2 * 2 * 10, 9);
    expect(e.ry).toBeCloseTo(2 * 1 * 10, 9);
    expect(Math.abs(Math.sin(e.angle))).toBeCloseTo(0, 9);
  });

  it('positive correlation tilts the long axis up-right, i.e. upward on screen (negative angle)', () => {
    // Σ = [[1, .9], [.9, 1]]: eigenvalues 1.9 and 0.1, long axis along (1, 1) in data space.
    const e = covarianceEllipse([1, 0.9, 0.9, 1], 1, 1, 1);
    expect(e.rx).toBeCloseTo(Math.sqrt(1.9), 9);
    expect(e.ry).toBeCloseTo(Math.sqrt(0.1), 9);
    expect(e.angle).toBeCloseTo(-Math.PI / 4, 9);
  });

  it('points on the drawn ellipse satisfy the Mahalanobis equation (x−μ)ᵀΣ⁻¹(x−μ) = n²', () => {
    const cov = [2, -0.7, -0.7, 0.5];
    const sx = 30;
    const sy = 50;
    const nSigma = 1.5;
    const e = covarianceEllipse(cov, sx, sy, nSigma);
    const det = cov[0] * cov[3] - cov[1] * cov[2];
    for (const t of [0, 0.7, 1.9, 3.3, 5.1]) {
      // Canvas ellipse point (pixels), then back to data offsets (y flipped).
      const px = e.rx * Math.cos(t) * Math.cos(e.angle) - e.ry * Math.sin(t) * Math.sin(e.angle);
      const py = e.rx * Math.cos(t) * Math.sin(e.angle) + e.ry * Math.sin(t) * Math.cos(e.angle);
      const dx = px / sx;
      const dy = -py / sy;
      const m = (cov[3] * dx * dx - 2 * cov[1] * dx * dy + cov[0] * dy * dy) / det;
      expect(m).toBeCloseTo(nSigma ** 2, 9);
    }
  });
});
