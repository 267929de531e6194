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
import { initialWeights, type NetValues } from './network';
import type { PointLayers } from './predictive';
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
  values(): { q: NetValues; viNoiseSd: number; mle: PointLayers; mleNoiseSd: number };
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
  const q = makeLayers(sizes, initialWeights(sizes, rng.fork()), Math.log(config.initSd));
  const mle = makeLayers(sizes, initialWeights(sizes, rng.fork()), null);
  const noiseRng: Rng = rng.fork();
  const start = config.noise === 'fixed' ? Math.log(config.trueNoiseSd) : Math.log(0.5);
  const viLogSd = param(Float64Array.of(start));
  const mleLogSd = param(Float64Array.of(start));
  const qParams = q.flatMap((L) => [L.wMean, L.wLogSd as Param, L.bMean, L.bLogSd as Param]);
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
      const fit = logLikAndGrads(q, train.x, train.y, eps, Math.exp(viLogSd.value[0]));
      const kls = q.map((L) => klAndGrads(L, config.prior, config.priorSd ** 2));
      viLogSd.grad[0] = fit.dLogSd;
      const mfit = logLikAndGrads(mle, train.x, train.y, null, Math.exp(mleLogSd.value[0]));
      mleLogSd.grad[0] = mfit.dLogSd;
      viAdam.step(estimateNoise ? [...qParams, viLogSd] : qParams);
      mleAdam.step(estimateNoise ? [...mleParams, mleLogSd] : mleParams);
      steps++;
      priorSds = kls.map((k) => Math.sqrt(k.priorVar));
      const kl = kls.reduce((t, k) => t + k.kl, 0);
      const metrics: StepMetrics = {
        elbo: fit.logLik - kl,
        expectedLogLik: fit.logLik,
        kl,
        mleLogLik: mfit.logLik,
        viNoiseSd: Math.exp(viLogSd.value[0]),
        mleNoiseSd: Math.exp(mleLogSd.value[0]),
      };
      priorSds.forEach((sd, l) => (metrics[`s${l + 1}`] = sd));
      return metrics;
    },
    values() {
      return {
        q: {
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
