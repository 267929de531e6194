/**
 * Systematic-scan Gibbs sampler for a Gaussian in information form: each full conditional is
 * z_j | z_{−j} ~ N((b_j − Σ_{k≠j} Λ_jk z_k) / Λ_jj, 1/Λ_jj).
 * (Replace the draw by its mean and this is exactly a CAVI sweep for the mean-field family.)
 */
import type { Rng } from '../random';
import type { GaussianInformationTarget } from './gaussianTarget';

/** One sweep over j = 0…d−1, updating z [d] in place. */
export function gibbsSweep(t: GaussianInformationTarget, z: Float64Array, rng: Rng): void {
  const { d, precision, shift } = t;
  for (let j = 0; j < d; j++) {
    let s = shift[j];
    for (let k = 0; k < d; k++) if (k !== j) s -= precision[j * d + k] * z[k];
    const ljj = precision[j * d + j];
    z[j] = s / ljj + rng.normal() / Math.sqrt(ljj);
  }
}
