/**
 * Lab entries for the widgets that compute on the main thread (no training run): each calls the
 * same core function with the same settings table the widget reads from its URL, and returns
 * the numbers the widget prints, named as the widget labels them.
 */
import { makeSchedule, logSnrCurve, SCHEDULE_KINDS, type ScheduleKind } from '../../src/core/diffusion/schedule';
import type { AnyParamValues, ParamTable } from '../../src/core/params';
import { gradientVarianceStudy, varianceRatio, type EstimatorName } from '../../src/core/vi/gradients';
import { forwardParams } from '../../src/widgets/ddm-forward/logic';
import { gradientVarianceParams } from '../../src/widgets/gradient-variance/logic';
import { klDirectionParams, klDirectionView } from '../../src/widgets/kl-direction/logic';

export type Readout = Record<string, number | string>;

export interface FigureDefinition {
  title: string;
  params: ParamTable;
  compute(values: AnyParamValues, seed: number): Readout;
}

export const gradientVarianceFigure: FigureDefinition = {
  title: 'Score function versus reparameterization (chapter 5)',
  params: gradientVarianceParams,
  compute(v, seed) {
    const study = gradientVarianceStudy({
      toy: { m: Number(v.qMean), logS: Number(v.qLogScale), mu0: 0, sigma0: 1, logZ: Number(v.logZ) },
      samples: Number(v.samples),
      repeats: Number(v.repeats),
      seed,
    });
    const comp = v.component as 'm' | 'logS';
    const cv = v.controlVariate as Exclude<EstimatorName, 'reparameterization'>;
    const out: Readout = { exactGradient: comp === 'm' ? study.exact[0] : study.exact[1] };
    for (const name of ['reparameterization', 'score', cv] as const) {
      out[`${name}.mean`] = study.summary[name][comp].mean;
      out[`${name}.variance`] = study.summary[name][comp].variance;
    }
    out.varianceRatio = varianceRatio(study, 'score', comp);
    out.varianceRatioControlVariate = varianceRatio(study, cv, comp);
    return out;
  },
};

export const klDirectionFigure: FigureDefinition = {
  title: 'Two directions of KL (chapter 4)',
  params: klDirectionParams,
  compute(v) {
    const view = klDirectionView(Number(v.separation), Number(v.angle));
    return {
      'modeSeeking.klQP': view.scores.modeSeeking.reverse,
      'modeSeeking.klPQ': view.scores.modeSeeking.forward,
      'massCovering.klQP': view.scores.massCovering.reverse,
      'massCovering.klPQ': view.scores.massCovering.forward,
      'modeSeeking.mean': view.modeSeeking.mean.map((x) => x.toFixed(4)).join(', '),
      'massCovering.mean': view.massCovering.mean.map((x) => x.toFixed(4)).join(', '),
      log2: Math.LN2,
    };
  },
};

export const ddmForwardFigure: FigureDefinition = {
  title: 'The forward process: noising by a fixed chain (chapter 8)',
  params: forwardParams,
  compute(v) {
    const T = Number(v.T);
    const t = Math.min(Number(v.t), T);
    const sched = makeSchedule(v.schedule as ScheduleKind, T);
    const out: Readout = {
      t,
      sqrtAlphaBar: Math.sqrt(sched.alphaBar[t]),
      noiseSd: Math.sqrt(1 - sched.alphaBar[t]),
    };
    if (t > 0) out.beta = sched.beta[t];
    // The chart's curves at t (log SNR is defined for t ≥ 1).
    for (const kind of SCHEDULE_KINDS) out[`logSnr.${kind}`] = logSnrCurve(makeSchedule(kind, T))[Math.max(t, 1) - 1];
    return out;
  },
};
