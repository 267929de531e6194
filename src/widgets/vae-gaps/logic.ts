/** Pure helpers for the vae-gaps figure. */

export interface GaussianView {
  mu: [number, number];
  logvar: [number, number];
}

/**
 * The part of the grid box where the posterior lives (density above e⁻⁸ of its peak, or either
 * q's 3σ box), padded, so the figure zooms in on it.
 */
export function posteriorWindow(
  density: Float32Array,
  size: number,
  box: { z1: [number, number]; z2: [number, number] },
  qs: GaussianView[],
): { x: [number, number]; y: [number, number] } {
  const h1 = (box.z1[1] - box.z1[0]) / size;
  const h2 = (box.z2[1] - box.z2[0]) / size;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  const take = (x: number, y: number) => {
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  };
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (density[r * size + c] > Math.exp(-8)) take(box.z1[0] + (c + 0.5) * h1, box.z2[0] + (r + 0.5) * h2);
  }
  for (const q of qs) {
    const s1 = 3 * Math.exp(0.5 * q.logvar[0]);
    const s2 = 3 * Math.exp(0.5 * q.logvar[1]);
    take(q.mu[0] - s1, q.mu[1] - s2);
    take(q.mu[0] + s1, q.mu[1] + s2);
  }
  const pad = 0.15 * Math.max(x1 - x0, y1 - y0, 0.2);
  return { x: [x0 - pad, x1 + pad], y: [y0 - pad, y1 + pad] };
}

/** Posterior density on the grid, scaled to max 1: p(z|x) ∝ exp(log p(x, z)). */
export function posteriorImage(logJoint: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of logJoint) if (v > max) max = v;
  return logJoint.map((v) => Math.exp(v - max));
}

