/**
 * Hoffman & Johnson's "ELBO surgery" (2016) as a number. For any n digits x_1..x_n and the joint
 * q(i, z) = q_φ(z | x_i)/n of a uniform index i and its code,
 *
 *   (1/n) Σ_i KL(q_φ(z | x_i) ‖ p(z)) = I_q(i; z) + KL(q_φ(z) ‖ p(z)),   q_φ(z) = (1/n) Σ_i q_φ(z | x_i),
 *
 * and I_q(i; z) ≤ H(i) = log n, so the aggregate posterior is at least (average KL − log n) from the
 * prior in KL. Chapter 8 quotes it for chapter 7's VAE on the held-out digits.
 */

/** The lower bound max(0, avgKl − log n) on KL(q_φ(z) ‖ p(z)) (nats). */
export function aggregateKlLowerBound(avgKl: number, n: number): number {
  if (!(n >= 1) || !Number.isInteger(n)) throw new Error(`aggregateKlLowerBound: n must be a positive integer, got ${n}`);
  if (!Number.isFinite(avgKl) || avgKl < 0) throw new Error(`aggregateKlLowerBound: the average KL must be a finite non-negative number, got ${avgKl}`);
  return Math.max(0, avgKl - Math.log(n));
}
