/**
 * Chapter 8 §vdm: the per-step KL is ½ (SNR(t−1) − SNR(t)) ‖x_0 − x̂‖² (the code's ELBO weight under β̃,
 * in SNR form), the T-step diffusion loss converges to ½ ∫ err(v) dv, and the limit depends on the
 * schedule only through its two endpoints, checked for Gaussian data where err is closed form.
 */
import { describe, expect, it } from 'vitest';
import {
  continuousGaussianDiffusionLoss,
  discreteDiffusionLoss,
  gaussianDenoisingError,
} from '../../../src/core/diffusion/continuousTime';
import { elboWeight } from '../../../src/core/diffusion/epsilon';
import { makeSchedule, snr } from '../../../src/core/diffusion/schedule';
import { inverse } from '../../../src/core/math/linalg';

// The chapter's Gaussian example, S = [[2, 0.6], [0.6, 0.5]]: eigenvalues from the 2×2 formula.
const S = [2, 0.6, 0.6, 0.5];
const tr = S[0] + S[3];
const det = S[0] * S[3] - S[1] * S[2];
const eig = [(tr + Math.sqrt(tr * tr - 4 * det)) / 2, (tr - Math.sqrt(tr * tr - 4 * det)) / 2];

describe('the continuous-time diffusion loss', () => {
  it("the code's ELBO weight under β̃ is ½ (SNR(t−1)/SNR(t) − 1), i.e. the KL is ½ (SNR(t−1) − SNR(t)) ‖x_0 − x̂‖²", () => {
    for (const kind of ['linear', 'cosine'] as const) {
      const s = makeSchedule(kind, 50);
      // ‖x_0 − x̂‖² = ‖ε − ε̂‖² (1 − ᾱ_t)/ᾱ_t = ‖ε − ε̂‖²/SNR(t), so the ε-weight is ½ (SNR(t−1) − SNR(t))/SNR(t).
      for (let t = 2; t <= 50; t++) expect(elboWeight(s, t, 'betaTilde')).toBeCloseTo(0.5 * (snr(s, t - 1) / snr(s, t) - 1), 10);
    }
  });

  it('the Gaussian denoising error tr (S⁻¹ + vI)⁻¹ matches the eigenvalue formula', () => {
    for (const v of [0, 0.3, 4, 100]) {
      const Sinv = inverse(S, 2);
      const post = inverse([Sinv[0] + v, Sinv[1], Sinv[2], Sinv[3] + v], 2);
      expect(gaussianDenoisingError(eig, v)).toBeCloseTo(post[0] + post[3], 12);
    }
  });

  it('the T-step loss converges to the integral, from above (doubling T never hurts here), for two schedule shapes', () => {
    const vMax = 1e3;
    const vMin = 1e-3;
    const limit = continuousGaussianDiffusionLoss(eig, vMin, vMax);
    const shapes = {
      logLinear: (u: number) => Math.exp(Math.log(vMax) + u * (Math.log(vMin) - Math.log(vMax))),
      cosineLike: (u: number) => {
        // ᾱ(u) = cos²-shaped between the same endpoints: ᾱ from vMax/(1+vMax) down to vMin/(1+vMin).
        const hi = vMax / (1 + vMax);
        const lo = vMin / (1 + vMin);
        const a = lo + (hi - lo) * Math.cos((u * Math.PI) / 2) ** 2;
        return a / (1 - a);
      },
    };
    const err = (v: number) => gaussianDenoisingError(eig, v);
    for (const shape of Object.values(shapes)) {
      let previous = Infinity;
      for (const T of [8, 16, 32, 64, 128, 256, 512, 1024, 4096]) {
        const v = new Float64Array(T + 1);
        for (let t = 1; t <= T; t++) v[t] = shape((t - 1) / (T - 1));
        const loss = discreteDiffusionLoss(v, err);
        // err is decreasing in v, so each Riemann sum evaluated at the right end overestimates the integral
        expect(loss).toBeGreaterThanOrEqual(limit - 1e-12);
        expect(loss).toBeLessThanOrEqual(previous + 1e-12);
        previous = loss;
      }
      expect(previous / limit).toBeCloseTo(1, 2);
    }
  });

  it("the book's schedules are not one continuous schedule discretized: their largest SNR grows with T", () => {
    // The limit needs fixed endpoints; the rescaled linear and the cosine schedules put x_1 ever closer to the data.
    for (const kind of ['linear', 'cosine'] as const) {
      const small = snr(makeSchedule(kind, 100), 1);
      const large = snr(makeSchedule(kind, 1000), 1);
      expect(large).toBeGreaterThan(5 * small);
    }
  });

  it('rejects a chain whose SNR does not decrease', () => {
    expect(() => discreteDiffusionLoss([0, 1, 2], () => 1)).toThrow(/decrease/);
    expect(() => continuousGaussianDiffusionLoss(eig, 2, 1)).toThrow(/vMin/);
  });
});
