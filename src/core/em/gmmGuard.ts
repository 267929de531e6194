/**
 * The 'guard' of the EM demo: re-seeds a collapsing component at a data point far from the
 * other means (k-means++ rule), with the data covariance and an equal share of weight.
 * This leaves EM (the log-likelihood may drop at that step) and is reported as such.
 */
import { covariance } from '../math/stats';
import { categorical, type Rng } from '../random';
import { COVARIANCE_FLOOR, type GaussianMixture } from './gmm';

/**
 * @param x [n×2] data; @param components indices to re-seed
 * @returns a new mixture; the others keep their parameters, weights renormalized
 */
export function reseedComponents(x: ArrayLike<number>, n: number, m: GaussianMixture, components: number[], rng: Rng): GaussianMixture {
  const { k, d } = m;
  const out: GaussianMixture = {
    k,
    d,
    weights: Float64Array.from(m.weights),
    means: Float64Array.from(m.means),
    covariances: Float64Array.from(m.covariances),
  };
  const dataCov = covariance(x, n, d);
  for (let j = 0; j < d; j++) dataCov[j * d + j] += COVARIANCE_FLOOR;
  const bad = new Set(components);
  for (const c of components) {
    const dist = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let o = 0; o < k; o++) {
        if (bad.has(o)) continue;
        let s = 0;
        for (let j = 0; j < d; j++) s += (x[i * d + j] - out.means[o * d + j]) ** 2;
        best = Math.min(best, s);
      }
      dist[i] = Number.isFinite(best) ? best : 1;
    }
    const pick = categorical(rng, dist);
    for (let j = 0; j < d; j++) out.means[c * d + j] = x[pick * d + j];
    out.covariances.set(dataCov, c * d * d);
    out.weights[c] = 1 / k;
    bad.delete(c);
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += out.weights[c];
  for (let c = 0; c < k; c++) out.weights[c] /= total;
  return out;
}
