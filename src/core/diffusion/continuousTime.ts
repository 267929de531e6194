/**
 * The continuous-time diffusion loss of variational diffusion models (Kingma et al. 2021; chapter 8,
 * §vdm), in the chapter's variance-preserving notation. With the model's reverse step
 * p_θ(x_s | x_t) = q(x_s | x_t, x_0 = x̂_θ(x_t)) (reverse variance β̃), one step from t to s < t costs
 *   ½ (SNR(s) − SNR(t)) E‖x_0 − x̂_θ(x_t)‖²,
 * so a T-step chain's diffusion loss is Σ_t ½ (SNR(t−1) − SNR(t)) E‖x_0 − x̂_θ(x_t)‖², and as T → ∞
 * it becomes ½ ∫_{SNR_min}^{SNR_max} E‖x_0 − x̂(x_v)‖² dv, which sees the schedule only through its ends.
 * For Gaussian data N(m, S) and the exact denoiser x̂ = E[x_0 | x_t], E‖x_0 − x̂‖² at SNR v is
 * tr (S⁻¹ + v I)⁻¹ = Σ_j λ_j/(1 + v λ_j) over the eigenvalues λ_j of S, and the integral is closed form.
 */

/** E‖x_0 − E[x_0 | x_t]‖² for data N(·, S) with eigenvalues `eig`, at signal-to-noise ratio v. */
export function gaussianDenoisingError(eig: ArrayLike<number>, v: number): number {
  let total = 0;
  for (let j = 0; j < eig.length; j++) total += eig[j] / (1 + v * eig[j]);
  return total;
}

/**
 * The T-step diffusion loss Σ_{t=2}^{T} ½ (v_{t−1} − v_t) · err(v_t) for the decreasing signal-to-noise
 * ratios v_t = SNR(t) of a chain (`v` indexed by t, v[0] unused), for a denoiser whose expected squared
 * error at SNR v is err(v). Steps t = 2..T are the chapter's L_1 … L_{T−1}.
 */
export function discreteDiffusionLoss(v: ArrayLike<number>, err: (snr: number) => number): number {
  let total = 0;
  for (let t = 2; t < v.length; t++) {
    if (!(v[t] < v[t - 1])) throw new Error(`SNR must decrease along the chain; at t = ${t} it goes ${v[t - 1]} → ${v[t]}`);
    total += 0.5 * (v[t - 1] - v[t]) * err(v[t]);
  }
  return total;
}

/** ½ ∫_{vMin}^{vMax} Σ_j λ_j/(1 + v λ_j) dv = ½ Σ_j log((1 + vMax λ_j)/(1 + vMin λ_j)): the T → ∞ limit. */
export function continuousGaussianDiffusionLoss(eig: ArrayLike<number>, vMin: number, vMax: number): number {
  if (!(vMin >= 0 && vMax >= vMin)) throw new Error(`need 0 ≤ vMin ≤ vMax, got ${vMin}, ${vMax}`);
  let total = 0;
  for (let j = 0; j < eig.length; j++) total += 0.5 * Math.log((1 + vMax * eig[j]) / (1 + vMin * eig[j]));
  return total;
}
