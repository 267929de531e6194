/**
 * The matrix products of one training step, as [m, k, n] (an [m, k]·[k, n] product), and their
 * floating-point cost. Pure: used by the Node bench, the browser bench page and the unit tests.
 */

export type MatmulShape = [m: number, k: number, n: number];

/**
 * Every matMul of one VAE step (forward 4, backward 7) in the plain layout the hand-written
 * gradient uses (src/core/vae/gradient.ts): B = batch, D = pixels, H = hidden units, L = latent dim.
 * Each weight gradient's product [inᵀ; 1]·δ gives the bias gradient too (one more row of in).
 */
export function vaeStepMatmulShapes(B: number, D: number, H: number, L: number): MatmulShape[] {
  return [
    [B, D, H], // x W1
    [B, H, 2 * L], // h1 W2
    [B, L, H], // z W3
    [B, H, D], // h3 W4
    [H + 1, B, D], // [h3ᵀ; 1] ∂ℓ
    [H, D, B], // W4 ∂ℓᵀ (= (∂ℓ W4ᵀ)ᵀ)
    [L + 1, B, H], // [zᵀ; 1] ∂a3
    [B, H, L], // ∂a3 W3ᵀ
    [H + 1, B, 2 * L], // [h1ᵀ; 1] ∂e
    [B, 2 * L, H], // ∂e W2ᵀ
    [D + 1, B, H], // [xᵀ; 1] ∂a1
  ];
}

/**
 * Every product of one two-layer (ladder) VAE step (src/core/vae/hvae/model.ts): its eight affine
 * layers (bottom-up E1, Q1, E2, Q2; top-down P1, P2; decoder D1, D2) each run the forward
 * X[B, in]·W[in, out] and the weight gradient Xᵀ[in, B]·δ[B, out]; every layer but E1 (whose input
 * is data) passes δ back, δ[B, out]·Wᵀ[out, in]. The eight [1, B]·[B, out] bias-gradient column sums
 * are left out, as in vaeStepMatmulShapes.
 */
export function hvaeStepMatmulShapes(B: number, D: number, H: number, H2: number, L1: number, L2: number): MatmulShape[] {
  const layers: [inDim: number, outDim: number, dataInput: boolean][] = [
    [D, H, true], // E1
    [H, 2 * L1, false], // Q1
    [H, H2, false], // E2
    [H2, 2 * L2, false], // Q2
    [L2, H2, false], // P1
    [H2, 2 * L1, false], // P2
    [L1, H, false], // D1
    [H, D, false], // D2
  ];
  return layers.flatMap(([a, b, data]): MatmulShape[] => (data ? [[B, a, b], [a, B, b]] : [[B, a, b], [a, B, b], [B, b, a]]));
}

/**
 * Every product of one step of the diffusion MLP (src/core/diffusion/mlpDenoiser.ts): per layer
 * the forward X[B, in]·W[in, out] and the weight and bias gradient [Xᵀ; 1][in+1, B]·δ[B, out]; every
 * layer but the first also passes δ back, δ[B, out]·Wᵀ[out, in] (the input x_t needs no gradient).
 */
export function ddmStepMatmulShapes(batch: number, width: number, depth: number, inDim: number, outDim: number): MatmulShape[] {
  const dims = [inDim, ...Array<number>(depth).fill(width), outDim];
  const out: MatmulShape[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    const [a, b] = [dims[l], dims[l + 1]];
    out.push([batch, a, b], [a + 1, batch, b]);
    if (l > 0) out.push([batch, b, a]);
  }
  return out;
}

/**
 * The products of one training step of the 28×28 residual denoiser (src/core/diffusion/resMlpDenoiser.ts)
 * as [m, k, n]: input layer, K blocks (two width × width products and the time projection each),
 * output layer and the Gaussian skip's two d × d products forward; each weight's gradient (with its
 * bias's, [inᵀ; 1]·δ, where the map has one) and the back-propagated products backward (the skip
 * has no parameters, so none for it).
 */
export function resStepMatmulShapes(batch: number, width: number, blocks: number, dim: number, embed: number): MatmulShape[] {
  const [B, W, F] = [batch, width, dim + embed];
  const out: MatmulShape[] = [[B, F, W]];
  for (let l = 0; l < blocks; l++) out.push([B, W, W], [B, embed, W], [B, W, W]);
  out.push([B, W, dim], [B, dim, dim], [B, dim, dim]);
  out.push([W + 1, B, dim], [B, dim, W]);
  for (let l = 0; l < blocks; l++) out.push([W + 1, B, W], [B, W, W], [W + 1, B, W], [embed, B, W], [B, W, W]);
  out.push([F + 1, B, W]);
  return out;
}

/**
 * The products of one reverse-chain step of ancestral sampling for n points: the forward pass only.
 */
export function ddmSampleMatmulShapes(n: number, width: number, depth: number, inDim: number, outDim: number): MatmulShape[] {
  const dims = [inDim, ...Array<number>(depth).fill(width), outDim];
  const out: MatmulShape[] = [];
  for (let l = 0; l + 1 < dims.length; l++) out.push([n, dims[l], dims[l + 1]]);
  return out;
}

/** Floating-point operations of the products: 2mkn each (one multiply and one add per term). */
export function matmulFlops(shapes: readonly MatmulShape[]): number {
  return shapes.reduce((s, [m, k, n]) => s + 2 * m * k * n, 0);
}
