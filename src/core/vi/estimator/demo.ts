/**
 * Demo 'repeated-sampling' (chapter 9): the sampling distributions of the MLE and of the variational
 * estimate in the random-effects model with J observations per group. One step() simulates
 * `perStep` more data sets from θ* = (0, τ*²), fits each by exact EM and by variational EM (closed-form
 * fixed points) and adds their estimates and standard errors to the running tally. Done after R.
 */
import { defineDemo, type Plain } from '../../demo';
import type { ParamTable, ParamValues } from '../../params';
import { asymptotics } from './asymptotics';
import {
  emptyColumn,
  histogram,
  PARAMETERS,
  pushFit,
  SE_KINDS,
  simulateDataSet,
  summarize,
  type Column,
  type Experiment,
  type Parameter,
} from './repeatedSampling';
import type { EstimatorKind } from './randomEffectsEstimators';

export const repeatedSamplingParams = {
  n: { kind: 'int', label: 'Groups n', min: 10, max: 2000, step: 10, default: 100 },
  J: { kind: 'int', label: 'Observations per group J', min: 1, max: 200, default: 1 },
  c: { kind: 'number', label: "q's variance, × σ²/J", min: 0.05, max: 4, step: 0.05, default: 0.25 },
  tau2: { kind: 'number', label: 'True τ*²', min: 0.1, max: 4, step: 0.1, default: 1 },
  R: { kind: 'int', label: 'Data sets R', min: 50, max: 5000, step: 50, default: 1000 },
  perStep: { kind: 'int', label: 'Data sets per step', min: 1, max: 200, default: 10 },
  show: { kind: 'select', label: 'Histogram of', options: ['tau2', 'mu'], optionLabels: { tau2: 'τ²', mu: 'μ' }, default: 'tau2' },
} satisfies ParamTable;

export const REPEATED_SAMPLING_LIVE_PARAMS = ['perStep', 'show'] as const;

type Values = ParamValues<typeof repeatedSamplingParams>;
const SIGMA2 = 1;
const MU_STAR = 0;
const BINS = 40;
const KINDS: EstimatorKind[] = ['mle', 'variational'];

export function experimentOf(p: Pick<Values, 'n' | 'J' | 'c' | 'tau2'>): Experiment {
  return { n: p.n, J: p.J, c: p.c, sigma2: SIGMA2, mu: MU_STAR, tau2: p.tau2 };
}

export interface EstimatorView extends Record<string, Plain> {
  /** histogram counts of the shown parameter's estimates [BINS] */
  counts: Float64Array;
  outside: number;
  /** per parameter: summary against θ* (coverageOfLimit against the estimator's limit θ†) */
  mu: Record<string, Plain>;
  tau2: Record<string, Plain>;
  /** the limit of the estimate of τ² (θ†) and n·Var from the sandwich theory */
  tau2Limit: number;
  asymptoticSd: Float64Array;
}

export interface RepeatedSamplingSnapshot extends Record<string, Plain> {
  count: number;
  R: number;
  show: string;
  truth: number;
  /** the true τ*² (whichever parameter is shown) */
  tau2Star: number;
  /** histogram range [lo, hi] (fixed by the asymptotic sds so bins do not jump) */
  lo: number;
  hi: number;
  mle: EstimatorView;
  variational: EstimatorView;
  done: boolean;
}

export default defineDemo({
  id: 'repeated-sampling',
  title: 'Repeated sampling: the MLE and the variational estimate',
  params: repeatedSamplingParams,
  usesTf: false,
  defaultSteps: 100,
  async create(ctx) {
    const live = { ...ctx.params };
    const e = experimentOf(ctx.params);
    const theory = { mle: asymptotics('mle', e.tau2, e), variational: asymptotics('variational', e.tau2, e) };
    const fresh = () => ({ mle: { mu: emptyColumn(), tau2: emptyColumn() }, variational: { mu: emptyColumn(), tau2: emptyColumn() } });
    let cols: Record<EstimatorKind, Record<Parameter, Column>> = fresh();
    let count = 0;

    const range = (p: Parameter): [number, number] => {
      const j = p === 'mu' ? 0 : 1;
      const centres = KINDS.map((k) => (p === 'mu' ? MU_STAR : theory[k].tau2Limit)).concat(p === 'mu' ? MU_STAR : e.tau2);
      const sd = Math.max(...KINDS.map((k) => Math.sqrt(theory[k].sandwichVar[j] / e.n)));
      return [Math.min(...centres) - 4.5 * sd, Math.max(...centres) + 4.5 * sd];
    };

    const view = (k: EstimatorKind, show: Parameter, lo: number, hi: number): EstimatorView => {
      const h = histogram(cols[k][show].estimate, lo, hi, BINS);
      const s = (p: Parameter) => {
        const sum = summarize(cols[k][p], p === 'mu' ? MU_STAR : e.tau2, p === 'mu' ? MU_STAR : theory[k].tau2Limit);
        return { ...sum, meanSe: { ...sum.meanSe }, coverage: { ...sum.coverage } } as Record<string, Plain>;
      };
      return {
        counts: h.counts,
        outside: h.outside,
        mu: s('mu'),
        tau2: s('tau2'),
        tau2Limit: theory[k].tau2Limit,
        asymptoticSd: Float64Array.from(theory[k].sandwichVar, (v) => Math.sqrt(v / e.n)),
      };
    };

    const metrics = () => {
      const bias = (k: EstimatorKind) => (count > 0 ? cols[k].tau2.estimate.reduce((s, v) => s + v, 0) / count - e.tau2 : 0);
      return { dataSets: count, biasMle: bias('mle'), biasVariational: bias('variational') };
    };

    return {
      step() {
        const upto = Math.min(live.R, count + live.perStep);
        for (; count < upto; count++) {
          const f = simulateDataSet(e, ctx.seed, count);
          pushFit(cols.mle, f.mle);
          pushFit(cols.variational, f.variational);
        }
        return metrics();
      },
      snapshot(): RepeatedSamplingSnapshot {
        const show = live.show as Parameter;
        const [lo, hi] = range(show);
        return {
          count,
          R: live.R,
          show,
          truth: show === 'mu' ? MU_STAR : e.tau2,
          tau2Star: e.tau2,
          lo,
          hi,
          mle: view('mle', show, lo, hi),
          variational: view('variational', show, lo, hi),
          done: count >= live.R,
        };
      },
      checkpoint(): Plain {
        const pack = (c: Column) => ({ estimate: Float64Array.from(c.estimate), ...Object.fromEntries(SE_KINDS.map((s) => [s, Float64Array.from(c.se[s])])) });
        return { count, cols: Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(PARAMETERS.map((p) => [p, pack(cols[k][p])]))])) };
      },
      restore(cp: Plain) {
        const c = cp as { count: number; cols: Record<string, Record<string, Record<string, Float64Array>>> };
        cols = fresh();
        for (const k of KINDS)
          for (const p of PARAMETERS) {
            const src = c.cols[k][p];
            cols[k][p] = { estimate: Array.from(src.estimate), se: { naive: Array.from(src.naive), curvature: Array.from(src.curvature), sandwich: Array.from(src.sandwich) } };
          }
        count = c.count;
      },
      setParams(v: Partial<Values>) {
        Object.assign(live, v);
      },
      isDone() {
        return count >= live.R;
      },
      corrupt() {
        cols.mle.tau2.estimate[Math.max(0, count - 1)] = NaN;
        count = Math.max(count, 1);
        cols.variational.tau2.estimate[count - 1] = NaN;
      },
      dispose() {
        cols = fresh();
      },
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as RepeatedSamplingSnapshot;
    const out: Record<string, number | string> = { dataSets: s.count };
    for (const k of KINDS) {
      out[`${k} τ² limit`] = s[k].tau2Limit;
      for (const p of PARAMETERS) {
        const v = s[k][p] as unknown as ReturnType<typeof summarize>;
        out[`${k} ${p} mean`] = v.mean;
        out[`${k} ${p} bias`] = v.bias;
        out[`${k} ${p} sd`] = v.sd;
        for (const se of SE_KINDS) {
          out[`${k} ${p} SE ${se}`] = v.meanSe[se];
          out[`${k} ${p} coverage ${se}`] = v.coverage[se];
        }
        out[`${k} ${p} sandwich coverage of limit`] = v.coverageOfLimit;
      }
    }
    return out;
  },
});
