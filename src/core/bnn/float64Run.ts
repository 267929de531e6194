/**
 * The run of run.ts written again in float64 plain JavaScript with the gradients derived by hand
 * (chapter 11, §bbb): the same data, initial values, noise draws and Adam, so that a test can
 * check tfjs's gradients step by step against these, and the chapter's numbers (tens of
 * thousands of steps, several settings) take seconds instead of minutes on a small machine.
 *
 * Backward pass of one local-reparameterization layer (B = μ + √ν ⊙ ε, μ = A M + b_m, ν = A² V + v_b):
 *   ∂μ = ∂B,  ∂ν = ∂B ⊙ ε / (2√ν),  ∂M = Aᵀ∂μ,  ∂V = (A²)ᵀ∂ν,  ∂A = ∂μ Mᵀ + 2A ⊙ (∂ν Vᵀ),
 * and V = exp(2ρ) gives ∂ρ = 2V ⊙ ∂V. The point network is the same with V = 0.
 */
import { createRng, type Rng } from '../random';
import { LOG_2PI } from '../math/gaussian';
import { gapData, overDataData, trainingData } from './data';
import { initialWeights } from './network';
import type { PointLayers, VariationalValues } from './predictive';
import { flatten, layerRanges, linearizedElbo, choleskyOf, parameterCount, type LinearizedState } from './linearizedFloat64';
import { architecture, type BnnConfig, type StepMetrics } from './run';

interface Param {
  value: Float64Array;
  grad: Float64Array;
  m: Float64Array;
  v: Float64Array;
}

const param = (value: Float64Array): Param => ({ value, grad: new Float64Array(value.length), m: new Float64Array(value.length), v: new Float64Array(value.length) });

/** tfjs's Adam (β₁ 0.9, β₂ 0.999, ε 1e-7, bias-corrected), on each parameter in place. */
class Adam {
  private t = 0;
  constructor(public lr: number) {}
  step(params: Param[]): void {
    this.t++;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    for (const p of params) {
      for (let j = 0; j < p.value.length; j++) {
        const g = p.grad[j];
        p.m[j] = 0.9 * p.m[j] + 0.1 * g;
        p.v[j] = 0.999 * p.v[j] + 0.001 * g * g;
        p.value[j] -= (this.lr * (p.m[j] / c1)) / (Math.sqrt(p.v[j] / c2) + 1e-7);
      }
    }
  }
}

interface Layer {
  din: number;
  dout: number;
  wMean: Param;
  wLogSd: Param | null;
  bMean: Param;
  bLogSd: Param | null;
}

function makeLayers(sizes: number[], init: Float32Array[], logSd: number | null): Layer[] {
  return init.map((w, l) => {
    const din = sizes[l];
    const dout = sizes[l + 1];
    return {
      din,
      dout,
      wMean: param(Float64Array.from(w)),
      wLogSd: logSd === null ? null : param(new Float64Array(din * dout).fill(logSd)),
      bMean: param(new Float64Array(dout)),
      bLogSd: logSd === null ? null : param(new Float64Array(dout).fill(logSd)),
    };
  });
}

/**
 * Forward and backward pass of Σ_i log N(y_i; f(x_i), σ²) through a (mean-field or point) network,
 * accumulating −∂/∂θ into each param's grad (the loss is the negative). Returns the log-likelihood
 * and ∂(−ℓ)/∂ log σ.
 */
function logLikAndGrads(layers: Layer[], x: Float64Array, y: Float64Array, eps: Float64Array[] | null, noiseSd: number): { logLik: number; dLogSd: number } {
  const n = x.length;
  const inputs: Float64Array[] = [];
  const sqrtNu: (Float64Array | null)[] = [];
  const outs: Float64Array[] = [];
  let a = Float64Array.from(x);
  // variances exp(2ρ) once per step, not once per data point
  const wVar = layers.map((L) => (L.wLogSd ? L.wLogSd.value.map((r) => Math.exp(2 * r)) : null));
  const bVar = layers.map((L) => (L.bLogSd ? L.bLogSd.value.map((r) => Math.exp(2 * r)) : null));
  layers.forEach((L, l) => {
    inputs.push(a);
    const wv = wVar[l];
    const bv = bVar[l];
    const z = new Float64Array(n * L.dout);
    const sn = L.wLogSd ? new Float64Array(n * L.dout) : null;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < L.dout; c++) {
        let mu = L.bMean.value[c];
        let nu = bv ? bv[c] : 0;
        for (let r = 0; r < L.din; r++) {
          const ar = a[i * L.din + r];
          mu += ar * L.wMean.value[r * L.dout + c];
          if (wv) nu += ar * ar * wv[r * L.dout + c];
        }
        let zz = mu;
        if (sn && eps) {
          sn[i * L.dout + c] = Math.sqrt(nu);
          zz += Math.sqrt(nu) * eps[l][i * L.dout + c];
        }
        z[i * L.dout + c] = l < layers.length - 1 ? Math.tanh(zz) : zz;
      }
    }
    sqrtNu.push(sn);
    outs.push(z);
    a = z;
  });
  const f = a;
  const s2 = noiseSd * noiseSd;
  let sq = 0;
  let dOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = y[i] - f[i];
    sq += r * r;
    dOut[i] = -r / s2; // ∂(−ℓ)/∂f_i
  }
  const logLik = -0.5 * n * (LOG_2PI + Math.log(s2)) - sq / (2 * s2);
  for (let l = layers.length - 1; l >= 0; l--) {
    const L = layers[l];
    const A = inputs[l];
    const dB = dOut;
    if (l < layers.length - 1) for (let k = 0; k < dB.length; k++) dB[k] *= 1 - outs[l][k] * outs[l][k];
    const dA = new Float64Array(n * L.din);
    const wv = wVar[l];
    const bv = bVar[l];
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < L.dout; c++) {
        const dmu = dB[i * L.dout + c];
        const sn = sqrtNu[l];
        const dnu = sn && eps ? (dmu * eps[l][i * L.dout + c]) / (2 * sn[i * L.dout + c]) : 0;
        L.bMean.grad[c] += dmu;
        if (L.bLogSd && bv) L.bLogSd.grad[c] += 2 * bv[c] * dnu;
        for (let r = 0; r < L.din; r++) {
          const ar = A[i * L.din + r];
          const j = r * L.dout + c;
          L.wMean.grad[j] += ar * dmu;
          let dar = dmu * L.wMean.value[j];
          if (L.wLogSd && wv) {
            const vw = wv[j];
            L.wLogSd.grad[j] += 2 * vw * ar * ar * dnu;
            dar += 2 * ar * dnu * vw;
          }
          dA[i * L.din + r] += dar;
        }
      }
    }
    dOut = dA;
  }
  return { logLik, dLogSd: n - sq / s2 };
}

/** KL(q_l ‖ N(0, s² I)) and its gradient into the layer's params; s² given or its M-step value. */
function klAndGrads(L: Layer, prior: 'estimate' | 'fixed', fixedVar: number): { kl: number; priorVar: number } {
  const ps: [Param, Param][] = [
    [L.wMean, L.wLogSd as Param],
    [L.bMean, L.bLogSd as Param],
  ];
  let sumSq = 0;
  let sumLogV = 0;
  let d = 0;
  for (const [m, r] of ps) {
    for (let j = 0; j < m.value.length; j++) {
      sumSq += m.value[j] ** 2 + Math.exp(2 * r.value[j]);
      sumLogV += 2 * r.value[j];
      d++;
    }
  }
  const s2 = prior === 'estimate' ? sumSq / d : fixedVar;
  for (const [m, r] of ps) {
    for (let j = 0; j < m.value.length; j++) {
      m.grad[j] += m.value[j] / s2;
      r.grad[j] += Math.exp(2 * r.value[j]) / s2 - 1;
    }
  }
  return { kl: 0.5 * (sumSq / s2 + d * Math.log(s2) - sumLogV - d), priorVar: s2 };
}

export interface Float64Run {
  step(): StepMetrics;
  readonly steps: number;
  readonly priorSds: number[];
  values(): { q: VariationalValues; viNoiseSd: number; mle: PointLayers; mleNoiseSd: number };
  setLearningRate(lr: number): void;
  train: ReturnType<typeof trainingData>;
  gap: ReturnType<typeof gapData>;
  overData: ReturnType<typeof overDataData>;
}

/** The float64 twin of createBnnRun (same seed → same data, initial values and noise draws). */
export function createFloat64Run(config: BnnConfig, seed: number): Float64Run {
  const rng = createRng(seed);
  const dataRng = rng.fork();
  const train = trainingData(config.n, config.trueNoiseSd, dataRng);
  const gap = gapData(config.heldOut, config.trueNoiseSd, dataRng);
  const overData = overDataData(config.heldOut, config.trueNoiseSd, dataRng);
  const sizes = architecture(config.model, config.hidden);
  const qInit = initialWeights(sizes, rng.fork());
  const q = makeLayers(sizes, qInit, Math.log(config.initSd));
  const lin = config.family === 'linearized' ? linearizedParams(sizes, qInit, config.initSd) : null;
  const mle = makeLayers(sizes, initialWeights(sizes, rng.fork()), null);
  const noiseRng: Rng = rng.fork();
  const start = config.noise === 'fixed' ? Math.log(config.trueNoiseSd) : Math.log(0.5);
  const viLogSd = param(Float64Array.of(start));
  const mleLogSd = param(Float64Array.of(start));
  const qParams = lin ? [lin.mean, lin.off, lin.logDiag] : q.flatMap((L) => [L.wMean, L.wLogSd as Param, L.bMean, L.bLogSd as Param]);
  const mleParams = mle.flatMap((L) => [L.wMean, L.bMean]);
  const viAdam = new Adam(config.lr);
  const mleAdam = new Adam(config.lr);
  const estimateNoise = config.noise === 'estimate';
  let steps = 0;
  let priorSds = sizes.slice(1).map(() => config.priorSd);
  return {
    train,
    gap,
    overData,
    get steps() {
      return steps;
    },
    get priorSds() {
      return priorSds;
    },
    step() {
      // the same draws, in the same order and float32 rounding, as localNoise
      const eps = sizes.slice(1).map((dout) => Float64Array.from(Float32Array.from({ length: config.n * dout }, () => noiseRng.normal())));
      for (const p of [...qParams, ...mleParams, viLogSd, mleLogSd]) p.grad.fill(0);
      const vi = lin ? linearizedStep(lin, sizes, train, Math.exp(viLogSd.value[0]), config) : meanFieldStep(q, train, eps, Math.exp(viLogSd.value[0]), config);
      viLogSd.grad[0] = vi.dLogSd;
      const mfit = logLikAndGrads(mle, train.x, train.y, null, Math.exp(mleLogSd.value[0]));
      mleLogSd.grad[0] = mfit.dLogSd;
      viAdam.step(estimateNoise ? [...qParams, viLogSd] : qParams);
      mleAdam.step(estimateNoise ? [...mleParams, mleLogSd] : mleParams);
      steps++;
      priorSds = vi.priorVars.map(Math.sqrt);
      const metrics: StepMetrics = {
        elbo: vi.expectedLogLik - vi.kl,
        expectedLogLik: vi.expectedLogLik,
        kl: vi.kl,
        mleLogLik: mfit.logLik,
        viNoiseSd: Math.exp(viLogSd.value[0]),
        mleNoiseSd: Math.exp(mleLogSd.value[0]),
      };
      priorSds.forEach((sd, l) => (metrics[`s${l + 1}`] = sd));
      return metrics;
    },
    values() {
      return {
        q: lin
          ? { kind: 'linearized' as const, sizes, mean: meanLayers(sizes, lin.mean.value), chol: choleskyOf(lin.off.value, lin.logDiag.value) }
          : {
          sizes,
          layers: q.map((L) => ({
            wMean: Float64Array.from(L.wMean.value),
            wSd: Float64Array.from((L.wLogSd as Param).value, Math.exp),
            bMean: Float64Array.from(L.bMean.value),
            bSd: Float64Array.from((L.bLogSd as Param).value, Math.exp),
          })),
            },
        viNoiseSd: Math.exp(viLogSd.value[0]),
        mle: { sizes, layers: mle.map((L) => ({ w: Float64Array.from(L.wMean.value), b: Float64Array.from(L.bMean.value) })) },
        mleNoiseSd: Math.exp(mleLogSd.value[0]),
      };
    },
    setLearningRate(lr) {
      viAdam.lr = lr;
      mleAdam.lr = lr;
    },
  };
}

interface LinearizedParams {
  mean: Param;
  off: Param;
  logDiag: Param;
}

/** The linearized family's start: means as the mean-field net's, L = initSd·I. */
function linearizedParams(sizes: number[], init: Float32Array[], initSd: number): LinearizedParams {
  const mean = flatten({ sizes, layers: init.map((w, l) => ({ w: Float64Array.from(w), b: new Float64Array(sizes[l + 1]) })) });
  const D = parameterCount(sizes);
  return { mean: param(mean), off: param(new Float64Array(D * D)), logDiag: param(new Float64Array(D).fill(Math.log(initSd))) };
}

function meanLayers(sizes: number[], theta: Float64Array): PointLayers {
  return {
    sizes,
    layers: layerRanges(sizes).map(([a], l) => {
      const nw = sizes[l] * sizes[l + 1];
      return { w: theta.slice(a, a + nw), b: theta.slice(a + nw, a + nw + sizes[l + 1]) };
    }),
  };
}

interface ViStep {
  expectedLogLik: number;
  kl: number;
  priorVars: number[];
  /** ∂(−ELBO)/∂ log σ */
  dLogSd: number;
}

/** One mean-field step's gradients (into the params) and the ELBO's parts. */
function meanFieldStep(q: Layer[], train: { x: Float64Array; y: Float64Array }, eps: Float64Array[], noiseSd: number, config: BnnConfig): ViStep {
  const fit = logLikAndGrads(q, train.x, train.y, eps, noiseSd);
  const kls = q.map((L) => klAndGrads(L, config.prior, config.priorSd ** 2));
  return { expectedLogLik: fit.logLik, kl: kls.reduce((t, k) => t + k.kl, 0), priorVars: kls.map((k) => k.priorVar), dLogSd: fit.dLogSd };
}

/** One linearized step: linearizedElbo's ascent directions, negated into the params (Adam minimizes −ELBO). */
function linearizedStep(p: LinearizedParams, sizes: number[], train: { x: Float64Array; y: Float64Array }, noiseSd: number, config: BnnConfig): ViStep {
  const state: LinearizedState = { sizes, mean: p.mean.value, off: p.off.value, logDiag: p.logDiag.value };
  const prior = config.prior === 'estimate' ? { kind: 'estimate' as const } : { kind: 'fixed' as const, variance: config.priorSd ** 2 };
  const e = linearizedElbo(state, train.x, train.y, noiseSd, prior);
  e.gMean.forEach((g, j) => (p.mean.grad[j] = -g));
  e.gOff.forEach((g, j) => (p.off.grad[j] = -g));
  e.gLogDiag.forEach((g, j) => (p.logDiag.grad[j] = -g));
  return { expectedLogLik: e.expectedLogLik, kl: e.kl, priorVars: e.priorVars, dLogSd: -e.gLogNoiseSd };
}
