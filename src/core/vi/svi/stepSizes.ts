/**
 * Robbins–Monro step sizes ρ_t = (τ₀ + t)^(−κ). Stochastic approximation converges when
 * Σ ρ_t = ∞ (the iterate can travel any distance) and Σ ρ_t² < ∞ (the noise it averages in is
 * finite): both hold exactly for κ ∈ (½, 1]. τ₀ ≥ 1 keeps ρ_t ≤ 1 and slows down early steps.
 */
export function robbinsMonroStep(t: number, tau0: number, kappa: number): number {
  return Math.pow(tau0 + t, -kappa);
}

/** Whether (τ₀ + t)^(−κ) satisfies both Robbins–Monro conditions. */
export function isRobbinsMonro(kappa: number): boolean {
  return kappa > 0.5 && kappa <= 1;
}

/** Σ_{t<T} ρ_t: how far the iterate can still travel after T steps (bounded when κ > 1). */
export function totalStepLength(T: number, tau0: number, kappa: number): number {
  let s = 0;
  for (let t = 0; t < T; t++) s += robbinsMonroStep(t, tau0, kappa);
  return s;
}
