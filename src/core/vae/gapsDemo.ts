/**
 * Demo 'vae-gaps': for held-out digits under the pretrained 2-D-latent VAE, one digit per step,
 * log p(x) on a grid, the ELBO of the encoder's q_φ and of a per-digit optimized q*, hence the
 * approximation and amortization gaps (Cremer, Li & Duvenaud 2018).
 */
import { defineDemo, type Plain } from '../demo';
import type { ParamTable } from '../params';
import { createRng } from '../random';
import { DEFAULT_SVI, digitGaps, type DigitGaps } from './gaps';
import { loadPretrained } from './loadPretrained';
import { disposeWeights } from './model';

export const gapsParams = {
  digits: { kind: 'int', label: 'Test digits', min: 1, max: 200, default: 30 },
  sviSteps: { kind: 'int', label: 'SVI steps per digit', min: 0, max: 1000, step: 50, default: DEFAULT_SVI.steps },
} satisfies ParamTable;

interface Row {
  index: number;
  label: number;
  logPx: number;
  elboAmortized: number;
  elboOptimized: number;
}

export default defineDemo({
  id: 'vae-gaps',
  title: 'Approximation and amortization gaps of a 2-D VAE',
  params: gapsParams,
  usesTf: true,
  threads: true,
  defaultSteps: 30,
  async create(ctx) {
    if (!ctx.loadAsset) throw new Error('vae-gaps needs an asset loader');
    const { weights, shape, data } = await loadPretrained(ctx.loadAsset, 'latent2');
    const D = shape.inputDim;
    const target = Math.min(ctx.params.digits, data.testLabels.length);
    let rows: Row[] = [];
    let latest: DigitGaps | null = null;
    const metrics = () => {
      const n = Math.max(1, rows.length);
      const mean = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0) / n;
      return {
        digits: rows.length,
        logPx: mean((r) => r.logPx),
        approximationGap: mean((r) => r.logPx - r.elboOptimized),
        amortizationGap: mean((r) => r.elboOptimized - r.elboAmortized),
      };
    };
    return {
      async step() {
        if (rows.length >= target) return metrics();
        const i = rows.length;
        const x = data.testImages.subarray(i * D, (i + 1) * D);
        const g = await digitGaps(weights, shape, x, createRng(ctx.seed * 7 + i), { ...DEFAULT_SVI, steps: ctx.params.sviSteps });
        latest = g;
        rows = [...rows, { index: i, label: data.testLabels[i], logPx: g.logPx, elboAmortized: g.elboAmortized, elboOptimized: g.elboOptimized }];
        return metrics();
      },
      snapshot() {
        const out: { [k: string]: Plain } = { rows: rows.map((r) => ({ ...r })), target };
        if (latest) {
          const i = rows.length - 1;
          out.latest = {
            index: i,
            image: data.testImages.slice(i * D, (i + 1) * D),
            box: { z1: latest.grid.box.z1, z2: latest.grid.box.z2 },
            size: latest.grid.size,
            logJoint: Float32Array.from(latest.grid.logJoint),
            encoderQ: { mu: latest.encoderQ.mu, logvar: latest.encoderQ.logvar },
            optimizedQ: { mu: latest.optimizedQ.mu, logvar: latest.optimizedQ.logvar },
          };
        }
        return out as Plain;
      },
      checkpoint: () => ({ rows: rows.map((r) => ({ ...r })) }) as unknown as Plain,
      restore(c) {
        rows = ((c as unknown as { rows: Row[] }).rows ?? []).map((r) => ({ ...r }));
      },
      isDone: () => rows.length >= target,
      corrupt() {
        rows = rows.map((r) => ({ ...r, logPx: NaN }));
      },
      dispose: () => disposeWeights(weights),
    };
  },
});
