/**
 * Demo 'em-gmm': EM for a 2-D Gaussian mixture on the toy datasets or on points the reader
 * drew, run with the tfjs E- and M-steps of gmmTf.ts (float32, any backend).
 *
 * One step() is one EM iteration (M-step, then the E-step of the new parameters, so the
 * responsibilities on screen always belong to the ellipses on screen). With `halfSteps` on,
 * one step() is one half: an M-step (ellipses move; colours still the old responsibilities;
 * phase 'M') or an E-step (colours update; phase 'E'). The metric `bound` is the lower bound
 * L(q, θ) with q the displayed responsibilities: equal to ℓ after an E-step, between the old
 * and the new ℓ after an M-step, which is the monotone-ascent proof in pictures.
 *
 * Restarts: after restart r converges (|Δℓ|/n < tol) or exhausts maxSteps, restart r + 1 starts
 * from a fresh k-means++ draw on the same data; at the end the best run is displayed.
 */
import { defineDemo } from '../demo';
import { emGmmParams } from './emGmmParams';
import type { WaldEstimate } from './mixtureStandardErrors';
import { createGmmSession, type EmGmmSnapshot } from './gmmSession';

export { emGmmParams };

export type { EmGmmSnapshot };

export default defineDemo({
  id: 'em-gmm',
  title: 'EM for a 2-D Gaussian mixture',
  params: emGmmParams,
  usesTf: true,
  defaultSteps: 300,
  async create(ctx) {
    return createGmmSession(ctx);
  },
  async summarize(session) {
    const s = (await session.snapshot()) as EmGmmSnapshot;
    const out: Record<string, number | string> = { bestRestart: s.bestRestart + 1, source: s.source };
    s.restartSummaries.forEach((r, i) => {
      out[`restart ${i + 1} logLik/n`] = r.logLik;
      out[`restart ${i + 1} steps`] = r.steps;
    });
    // The table the widget shows under the figure once EM has converged (InferenceTable.tsx):
    // Louis standard errors and 95% Wald intervals at the float64-polished MLE.
    if (s.inference?.ok) {
      const put = (name: string, e: WaldEstimate) => {
        out[`${name} estimate`] = e.estimate;
        out[`${name} SE`] = e.se;
        out[`${name} 95% lower`] = e.lower;
        out[`${name} 95% upper`] = e.upper;
      };
      s.inference.components.forEach((c, i) => {
        put(`π${i + 1}`, c.weight);
        c.mean.forEach((e, j) => put(`μ${i + 1},${j + 1}`, e));
      });
      out['max |score| at the MLE'] = s.inference.maxAbsScore;
    } else out.standardErrors = s.inference ? s.inference.reason : `shown once EM has converged (not yet, after ${s.step} steps)`;
    return out;
  },
});
