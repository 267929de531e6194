import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, gradientRuns, gradientsPerParameter } from '../../../src/core/math/adam';
import { tfVariable } from '../../../src/core/math/tfVariable';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('cpu');
});

const SHAPES = [[3, 4], [4], [2, 2, 2], [1]];

/**
 * Plain float64 Adam, per scalar, with m, v unscaled: ε added to √v (Keras) or, with
 * `biasCorrected`, to √v̂ (Kingma & Ba's Algorithm 1 as written: m̂, v̂ formed explicitly).
 */
function referenceAdam(theta: Float64Array[], grads: Float64Array[][], lrs: number[], biasCorrected = false, b1 = 0.9, b2 = 0.999, eps = 1e-8) {
  const p = theta.map((x) => Float64Array.from(x));
  const m = theta.map((x) => new Float64Array(x.length));
  const v = theta.map((x) => new Float64Array(x.length));
  grads.forEach((g, s) => {
    const t = s + 1;
    const lrT = (lrs[s] * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    p.forEach((pi, i) =>
      pi.forEach((_, k) => {
        m[i][k] = b1 * m[i][k] + (1 - b1) * g[i][k];
        v[i][k] = b2 * v[i][k] + (1 - b2) * g[i][k] ** 2;
        if (biasCorrected) pi[k] -= (lrs[s] * (m[i][k] / (1 - b1 ** t))) / (Math.sqrt(v[i][k] / (1 - b2 ** t)) + eps);
        else pi[k] -= (lrT * m[i][k]) / (Math.sqrt(v[i][k]) + eps);
      }),
    );
  });
  return { p, m, v };
}

describe('Adam over one flat moment buffer', () => {
  it('matches a float64 per-scalar Adam over tensors of several ranks, with the rate changing between steps', async () => {
    const rng = createRng(11);
    const theta = SHAPES.map((s) => Float64Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()));
    // gradients of very different scales per tensor (Adam's per-coordinate normalization matters)
    const grads = [0, 1, 2, 3, 4].map(() => theta.map((x, i) => Float64Array.from(x, () => 10 ** (i - 2) * rng.normal())));
    const lrs = [0.1, 0.05, 0.05, 0.01, 0.2];
    const before = tf.memory().numTensors;
    const params = theta.map((x, i) => tfVariable(() => tf.tensor(Float32Array.from(x), SHAPES[i])));
    const opt = new Adam(params, lrs[0]);
    for (let s = 0; s < grads.length; s++) {
      opt.lr = lrs[s];
      const g = grads[s].map((x, i) => tf.tensor(Float32Array.from(x), SHAPES[i]));
      opt.apply(g);
      tf.dispose(g);
    }
    const ref = referenceAdam(theta, grads, lrs);
    const got = await Promise.all(params.map((p) => p.data()));
    got.forEach((x, i) => x.forEach((v, k) => expect(v).toBeCloseTo(ref.p[i][k], 5)));
    const st = await opt.state();
    expect(st.step).toBe(5);
    st.m.forEach((x, i) => x.forEach((v, k) => expect(v).toBeCloseTo(ref.m[i][k], 5)));
    st.v.forEach((x, i) => x.forEach((v, k) => expect(v / Math.max(ref.v[i][k], 1e-12)).toBeCloseTo(1, 4)));
    expect(params.map((p) => p.shape)).toEqual(SHAPES);
    opt.dispose();
    tf.dispose(params);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("with ε on √v̂ ('biasCorrected', the VAEs' form) matches the float64 Algorithm 1, which differs from ε on √v", async () => {
    const rng = createRng(12);
    const theta = SHAPES.map((s) => Float64Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()));
    // tiny gradients (~1e-7) in the last tensor, so where ε sits changes the step measurably
    const grads = [0, 1, 2].map(() => theta.map((x, i) => Float64Array.from(x, () => (i === SHAPES.length - 1 ? 1e-7 : 1) * rng.normal())));
    const lrs = [0.01, 0.01, 0.01];
    const before = tf.memory().numTensors;
    const params = theta.map((x, i) => tfVariable(() => tf.tensor(Float32Array.from(x), SHAPES[i])));
    const opt = new Adam(params, lrs[0], { epsilonPlacement: 'biasCorrected' });
    for (const g of grads) {
      const gt = g.map((x, i) => tf.tensor(Float32Array.from(x), SHAPES[i]));
      opt.apply(gt);
      tf.dispose(gt);
    }
    const ref = referenceAdam(theta, grads, lrs, true);
    const keras = referenceAdam(theta, grads, lrs, false);
    const got = await Promise.all(params.map((p) => p.data()));
    got.forEach((x, i) => x.forEach((v, k) => expect(v).toBeCloseTo(ref.p[i][k], 5)));
    const last = SHAPES.length - 1;
    expect(Math.abs(keras.p[last][0] - ref.p[last][0])).toBeGreaterThan(1e-4);
    opt.reset();
    expect(opt.step).toBe(0);
    expect((await opt.state()).m.every((x) => x.every((v) => v === 0))).toBe(true);
    opt.dispose();
    tf.dispose(params);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a flat gradient gives the same step as the per-tensor list', async () => {
    const rng = createRng(4);
    const init = SHAPES.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()));
    const g = init.map((x) => Float32Array.from(x, () => rng.normal()));
    const run = async (flat: boolean) => {
      const params = init.map((x, i) => tf.variable(tf.tensor(x, SHAPES[i])));
      const opt = new Adam(params, 0.03);
      for (let s = 0; s < 3; s++) {
        tf.tidy(() => {
          if (flat) opt.applyFlat(tf.tensor1d(Float32Array.from(g.flatMap((x) => Array.from(x, (v) => v * (s + 1))))));
          else opt.apply(g.map((x, i) => tf.mul(tf.tensor(x, SHAPES[i]), s + 1)));
        });
      }
      const out = await Promise.all(params.map((p) => p.data()));
      opt.dispose();
      tf.dispose(params);
      return out;
    };
    const [a, b] = [await run(false), await run(true)];
    a.forEach((x, i) => x.forEach((v, k) => expect(v).toBe(b[i][k])));
  });

  it('state() and setState() round-trip: a restored optimizer continues exactly as the original', async () => {
    const rng = createRng(9);
    const init = SHAPES.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()));
    const gs = [0, 1, 2, 3].map(() => init.map((x) => Float32Array.from(x, () => rng.normal())));
    const step = (opt: Adam, g: Float32Array[]) => tf.tidy(() => opt.apply(g.map((x, i) => tf.tensor(x, SHAPES[i]))));
    const pa = init.map((x, i) => tf.variable(tf.tensor(x, SHAPES[i])));
    const a = new Adam(pa, 0.05);
    step(a, gs[0]);
    step(a, gs[1]);
    const saved = await a.state();
    const pb = await Promise.all(pa.map(async (p) => tf.variable(tf.tensor(await p.data(), p.shape))));
    const b = new Adam(pb, 0.05);
    b.setState(saved);
    for (const g of gs.slice(2)) {
      step(a, g);
      step(b, g);
    }
    const [xa, xb] = [await Promise.all(pa.map((p) => p.data())), await Promise.all(pb.map((p) => p.data()))];
    xa.forEach((x, i) => x.forEach((v, k) => expect(xb[i][k]).toBeCloseTo(v, 6)));
    expect(b.step).toBe(4);
    a.dispose();
    b.dispose();
    tf.dispose([...pa, ...pb]);
  });

  for (const backend of ['cpu', 'wasm'] as const) it(`takes a dense layer's [∂W; ∂b] as one tensor for W then b: the same parameters as from ∂W and ∂b apart, bit for bit (${backend})`, async () => {
    await tf.setBackend(backend);
    try {
      const rng = createRng(9);
      // W [3, 4], b [4], a tensor [2, 2, 2], W' [2, 1], b' [1]: gradients [4, 4], [2, 2, 2], [3, 1]
      const shapes = [[3, 4], [4], [2, 2, 2], [2, 1], [1]];
      const init = shapes.map((sh) => Float32Array.from({ length: sh.reduce((x, y) => x * y, 1) }, () => rng.normal()));
      const pa = init.map((x, i) => tf.variable(tf.tensor(x, shapes[i])));
      const pb = init.map((x, i) => tf.variable(tf.tensor(x, shapes[i])));
      const [a, b] = [new Adam(pa, 0.05), new Adam(pb, 0.05)];
      const before = tf.memory().numTensors;
      for (let k = 0; k < 3; k++) {
        const g = shapes.map((sh) => Float32Array.from({ length: sh.reduce((x, y) => x * y, 1) }, () => rng.normal()));
        tf.tidy(() => a.apply(g.map((x, i) => tf.tensor(x, shapes[i]))));
        const merged = [tf.tensor([...g[0], ...g[1]], [4, 4]), tf.tensor(g[2], [2, 2, 2]), tf.tensor([...g[3], ...g[4]], [3, 1])];
        tf.tidy(() => b.apply(merged));
        tf.dispose(merged);
        expect(gradientsPerParameter([[...g[0], ...g[1]], g[2], [...g[3], ...g[4]]], shapes)).toEqual(g);
      }
      expect(tf.memory().numTensors).toBe(before);
      const [xa, xb] = [await Promise.all(pa.map((p) => p.data())), await Promise.all(pb.map((p) => p.data()))];
      expect(xb.map((x) => Array.from(x))).toEqual(xa.map((x) => Array.from(x)));
      expect(xa[0][0]).not.toBe(init[0][0]);
      a.dispose();
      b.dispose();
      tf.dispose([...pa, ...pb]);
    } finally {
      await tf.setBackend('cpu');
    }
  });

  it('gradientRuns: how many parameters each gradient covers, or null', () => {
    expect(gradientRuns([16, 8, 3], [12, 4, 8, 2, 1])).toEqual([2, 1, 2]);
    expect(gradientRuns([12, 4, 8, 2, 1], [12, 4, 8, 2, 1])).toEqual([1, 1, 1, 1, 1]);
    expect(gradientRuns([15, 9, 3], [12, 4, 8, 2, 1])).toBeNull(); // a run not on a boundary
    expect(gradientRuns([16, 8], [12, 4, 8, 2, 1])).toBeNull(); // parameters left over
    expect(gradientRuns([16, 8, 3, 1], [12, 4, 8, 2, 1])).toBeNull(); // a gradient too many
  });

  it('rejects gradients and states that do not fit its parameters, changing nothing', async () => {
    const p = [tf.variable(tf.ones([2, 2])), tf.variable(tf.ones([3]))];
    const opt = new Adam(p, 0.1);
    const before = tf.memory().numTensors;
    expect(() => tf.tidy(() => opt.apply([tf.ones([2, 2])]))).toThrow(/1 gradients for 2 parameter tensors/);
    expect(() => tf.tidy(() => opt.applyFlat(tf.ones([6])))).toThrow(/6 values for 7 parameters/);
    expect(() => opt.setState({ step: 1, m: [new Float32Array(4)], v: [new Float32Array(4)] })).toThrow(/1 m arrays/);
    expect(() => opt.setState({ step: 1, m: [new Float32Array(4), new Float32Array(2)], v: [new Float32Array(4), new Float32Array(3)] })).toThrow(/m\[1\] has 2 values/);
    expect(opt.step).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(await p[0].data())).toEqual([1, 1, 1, 1]);
    expect(() => new Adam([], 0.1)).toThrow(/at least one/);
    opt.dispose();
    tf.dispose(p);
  });
});
