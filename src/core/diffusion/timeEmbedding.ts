/**
 * Sinusoidal time embedding (Vaswani et al. 2017; Ho et al. 2020): the network sees t through
 * sin(τ ω_k), cos(τ ω_k), ω_k = 10000^{−k/h}, k = 0..h−1, h = dim/2, with τ = t·1000/T so that
 * chains of different length share one frequency range.
 */

/** Embedding of timestep t in 1..T, written into out[offset..offset+dim). */
export function writeTimeEmbedding(t: number, T: number, dim: number, out: Float32Array, offset = 0): void {
  const half = dim >> 1;
  const tau = (t * 1000) / T;
  for (let k = 0; k < half; k++) {
    const w = Math.exp((-Math.log(10000) * k) / half);
    out[offset + k] = Math.sin(tau * w);
    out[offset + half + k] = Math.cos(tau * w);
  }
}

/** Embeddings of a batch of timesteps, [n*dim]. */
export function timeEmbeddings(ts: ArrayLike<number>, T: number, dim: number): Float32Array {
  const out = new Float32Array(ts.length * dim);
  for (let i = 0; i < ts.length; i++) writeTimeEmbedding(ts[i], T, dim, out, i * dim);
  return out;
}
