/**
 * The PyTorch reference runs the same models as ours: from identical initial weights and inputs,
 * torch_ref.py's losses over a few Adam steps equal ours within float32 tolerance. Needs a Python
 * with torch; without one, the test that runs instead checks the bench's skip message, so the
 * reference never disappears silently.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../../../src/core/math/adam';
import { MlpDenoiser } from '../../../src/core/diffusion/mlpDenoiser';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { timeEmbeddings } from '../../../src/core/diffusion/timeEmbedding';
import { makeDataset } from '../../../src/core/data/toy2d';
import { createRng, type Rng } from '../../../src/core/random';
import { normalArray } from '../../../src/core/vae/evaluate';
import { elboGradient } from '../../../src/core/vae/gradient';
import { disposeWeights, initialParameters, PARAM_NAMES, weightsFromFlat, type VaeShape, type Weights } from '../../../src/core/vae/model';
import { meanImage } from '../../../src/core/vae/trainer';
import { runScript, setUpReference, torchReferenceRows } from '../../../scripts/bench/torchRef';
import { parseScriptJson } from '../../../scripts/bench/torchRefLogic';
import { useBackend } from '../../support/tf';
import { mnist } from '../../core/vae/fixtures';

const setup = await setUpReference();
const skipped = 'skipped' in setup ? setup.skipped : null;
let tf: Awaited<ReturnType<typeof useBackend>>;
let dir: string;

beforeAll(async () => {
  tf = await useBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'torch-ref-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the arrays as little-endian float32 files and the manifest, runs `torch_ref.py check`. */
async function runCheck<T>(manifest: Record<string, unknown>, arrays: Record<string, Float32Array>): Promise<T> {
  if ('skipped' in setup) throw new Error(setup.skipped);
  const sub = mkdtempSync(path.join(dir, `${String(manifest.model)}-`));
  const files: Record<string, string> = {};
  for (const [name, a] of Object.entries(arrays)) {
    files[name] = `${name}.f32`;
    writeFileSync(path.join(sub, files[name]), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  writeFileSync(path.join(sub, 'manifest.json'), JSON.stringify({ ...manifest, files }));
  const r = await runScript(setup.python, ['check', sub], process.env, 240_000);
  if (r.code !== 0) throw new Error(`torch_ref.py check failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  return parseScriptJson<T>(r.stdout, r.stderr);
}

const concat = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/**
 * Float32 agreement: |a − b| ≤ rel·|b| at every step (measured: at most 3e-7, float32 rounding of
 * different summation orders; rel = 1e-5 leaves a margin of 30).
 */
function expectClose(torch: number[], ours: number[], rel: number): void {
  expect(torch.length).toBe(ours.length);
  torch.forEach((t, k) => expect(Math.abs(t - ours[k]), `step ${k}: torch ${t}, ours ${ours[k]}`).toBeLessThanOrEqual(rel * Math.abs(ours[k])));
}

describe.skipIf(skipped !== null)(`the PyTorch reference (${skipped ? `skipped: ${skipped}` : 'python with torch found'})`, () => {
  it('VAE: the same ELBO terms as elboGradient + the flat Adam with ε on √v̂ (the two halves of VaeTrainer.trainStep) over 5 steps', async () => {
    const shape: VaeShape = { inputDim: 784, hidden: 400, latent: 20, decoder: 'bernoulli', decoderStd: 0.1 };
    const [B, K, lr] = [128, 5, 1e-3];
    const data = await mnist();
    const rng = createRng(5);
    const theta = initialParameters(shape, rng, meanImage(data.trainImages, 784));
    const xs: Float32Array[] = [];
    const epss: Float32Array[] = [];
    for (let k = 0; k < K; k++) {
      const x = new Float32Array(B * 784);
      for (let b = 0; b < B; b++) {
        const row = rng.int(data.trainImages.length / 784) * 784;
        x.set(data.trainImages.subarray(row, row + 784), b * 784);
      }
      xs.push(x);
      epss.push(normalArray(rng, B * shape.latent));
    }
    const recon: number[] = [];
    const kl: number[] = [];
    const init = weightsFromFlat(theta, shape);
    const vars = PARAM_NAMES.map((n) => tf.variable(init[n]));
    disposeWeights(init);
    const weights = {} as Weights;
    PARAM_NAMES.forEach((n, i) => (weights[n] = vars[i]));
    const opt = new Adam(vars, lr, { epsilonPlacement: 'biasCorrected' });
    for (let k = 0; k < K; k++) {
      const xT1 = new Float32Array(785 * B).fill(1, 784 * B); // [xᵀ; 1]
      for (let d = 0; d < 784; d++) for (let b = 0; b < B; b++) xT1[d * B + b] = xs[k][b * 784 + d];
      const stats = tf.tidy(() => {
        const g = elboGradient(weights, tf.tensor2d(xs[k], [B, 784]), tf.tensor2d(xT1, [785, B]), tf.tensor2d(epss[k], [B, shape.latent]), shape, { klWeight: 1, freeBits: 0 });
        opt.apply(g.grads);
        return tf.stack([g.recon, g.kl!]);
      });
      const s = await stats.data();
      stats.dispose();
      recon.push(s[0]);
      kl.push(s[1]);
    }
    opt.dispose();
    tf.dispose(vars);
    const ref = await runCheck<{ recon: number[]; kl: number[] }>(
      { model: 'vae', inputDim: 784, hidden: 400, latent: 20, batch: B, lr, klWeight: 1, steps: K },
      { theta, x: concat(xs), eps: concat(epss) },
    );
    // Training moved the loss far more than the tolerance, so agreement is not a coincidence.
    expect(Math.abs(recon[K - 1] - recon[0])).toBeGreaterThan(100 * 1e-5 * Math.abs(recon[0]));
    expectClose(ref.recon, recon, 1e-5);
    expectClose(ref.kl, kl, 1e-5);
  });

  it('2-D DDM: the same losses as MlpDenoiser.trainStep with the flat-buffer Adam over 6 steps (learning rate changing)', async () => {
    const config = { dim: 2, width: 128, depth: 3, embedDim: 32 };
    const schedule = makeSchedule('linear', 100);
    const net = new MlpDenoiser(config, schedule, createRng(7));
    const weights = concat(await net.getWeights());
    const opt = new Adam(net.weights, 2e-3);
    const [B, K] = [256, 6];
    const points = makeDataset('moons', 2000, createRng(8));
    const lrs = Array.from({ length: K }, (_, k) => 2e-3 * (1 - 0.1 * k));
    const h0: Float32Array[] = [];
    const eps: Float32Array[] = [];
    const losses: number[] = [];
    const table = (t: number) => timeEmbeddings([t], schedule.T, config.embedDim);
    for (let k = 0; k < K; k++) {
      const x0 = new Float64Array(2 * B);
      const pick = createRng(100 + k);
      for (let i = 0; i < B; i++) {
        const j = pick.int(points.length / 2);
        x0[2 * i] = points[2 * j];
        x0[2 * i + 1] = points[2 * j + 1];
      }
      // trainStep draws, per row, t (one int) and then d normals: record them to rebuild its input.
      const rec = recording(createRng(200 + k));
      opt.lr = lrs[k];
      losses.push(await net.trainStep(opt, x0, rec.rng));
      expect(rec.ints.length).toBe(B);
      expect(rec.normals.length).toBe(2 * B);
      const F = 2 + config.embedDim;
      const h = new Float32Array(B * F);
      for (let i = 0; i < B; i++) {
        const t = 1 + rec.ints[i];
        const a = Math.sqrt(schedule.alphaBar[t]);
        const b = Math.sqrt(1 - schedule.alphaBar[t]);
        for (let j = 0; j < 2; j++) h[i * F + j] = a * x0[2 * i + j] + b * rec.normals[2 * i + j];
        h.set(table(t), i * F + 2);
      }
      h0.push(h);
      eps.push(Float32Array.from(rec.normals));
    }
    net.dispose();
    opt.dispose();
    const ref = await runCheck<{ loss: number[] }>(
      { model: 'ddm', shapes: [[34, 128], [128], [128, 128], [128], [128, 128], [128], [128, 2], [2]], batch: B, lr: lrs, steps: K },
      { weights, h0: concat(h0), eps: concat(eps) },
    );
    expect(Math.abs(losses[K - 1] - losses[0])).toBeGreaterThan(100 * 1e-5 * losses[0]);
    expectClose(ref.loss, losses, 1e-5);
  });
});

describe('without a Python with torch', () => {
  const message = /^skipped: no Python with torch \(.+\); on Debian\/Ubuntu: sudo apt-get install python3-torch/;

  it('the bench says the reference was skipped, and why (interpreters that do not exist)', async () => {
    const rows = await torchReferenceRows('ddm', {}, 0, setUpReference(['/nonexistent/python3']));
    expect(rows).toEqual({ torch_reference: expect.stringMatching(message) });
    expect(rows.torch_reference).toMatch(/\/nonexistent\/python3: spawn \/nonexistent\/python3 ENOENT/);
  });

  it.runIf(skipped !== null)(`here: ${skipped ?? ''}`, async () => {
    const rows = await torchReferenceRows('ddm', {});
    expect(rows.torch_reference).toMatch(message);
  });
});

/** An Rng that records the draws the code under test makes (int results and normals, in order). */
function recording(inner: Rng): { rng: Rng; ints: number[]; normals: number[] } {
  const ints: number[] = [];
  const normals: number[] = [];
  const rng: Rng = {
    uniform: () => inner.uniform(),
    normal: () => {
      const v = inner.normal();
      normals.push(v);
      return v;
    },
    int: (n) => {
      const v = inner.int(n);
      ints.push(v);
      return v;
    },
    fork: () => inner.fork(),
    seed: inner.seed,
  };
  return { rng, ints, normals };
}
