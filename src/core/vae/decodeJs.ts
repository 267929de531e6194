/**
 * The decoder's mean image E[x|z] = sigmoid(relu(z W₃ + b₃) W₄ + b₄) in plain TypeScript,
 * for the widget that decodes a point as the reader drags it (one decode is ~0.3 M
 * multiply-adds, well under a millisecond, and needs no worker round trip).
 */
export interface DecoderWeights {
  latent: number;
  hidden: number;
  inputDim: number;
  /** [L, H] */
  W3: Float32Array;
  /** [H] */
  b3: Float32Array;
  /** [H, D] */
  W4: Float32Array;
  /** [D] */
  b4: Float32Array;
}

/** @param z [L] @returns [D] intensities in (0, 1) */
export function decodeMeanImage(w: DecoderWeights, z: ArrayLike<number>): Float32Array {
  const { latent: L, hidden: H, inputDim: D } = w;
  const h = new Float32Array(H);
  for (let j = 0; j < H; j++) {
    let a = w.b3[j];
    for (let l = 0; l < L; l++) a += z[l] * w.W3[l * H + j];
    h[j] = a > 0 ? a : 0;
  }
  const out = new Float32Array(D);
  out.set(w.b4);
  for (let j = 0; j < H; j++) {
    const hj = h[j];
    if (hj === 0) continue;
    const row = j * D;
    for (let d = 0; d < D; d++) out[d] += hj * w.W4[row + d];
  }
  for (let d = 0; d < D; d++) out[d] = 1 / (1 + Math.exp(-out[d]));
  return out;
}
