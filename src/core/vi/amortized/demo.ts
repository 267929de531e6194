/**
 * Demo 'amortization-gap': per-observation (factorized) VI and encoders of several widths,
 * trained side by side on one data set. Metrics report per-observation ELBOs and gaps; the
 * snapshot carries the variational means at the data and the selected encoder's curve x ↦ m(x).
 */
import { defineDemo, type Plain } from '../../demo';
import { createRng } from '../../random';
import type { ParamTable } from '../../params';
import { chainMeanFieldOptimum, conjugateOptimum } from './closedForm';
import { AMORTIZED_MODELS, simulateAmortizedData, type AmortizedModel } from './models';
import { createAmortizationStudy, ENCODER_WIDTHS, type AmortizationReading, type StudyCheckpoint } from './study';

const WIDTH_OPTIONS = ENCODER_WIDTHS.map(String) as unknown as readonly ['0', '1', '2', '4', '8', '32'];
const CURVE_POINTS = 120;

export const amortizationParams = {
  model: {
    kind: 'select',
    label: 'Model',
    options: AMORTIZED_MODELS,
    optionLabels: { conjugate: 'Conjugate (linear)', nonlinear: 'Nonlinear likelihood', chain: 'AR(1) chain' },
    default: 'nonlinear',
  },
  width: {
    kind: 'select',
    label: 'Encoder shown',
    help: 'All widths train at once; this picks the one drawn.',
    options: WIDTH_OPTIONS,
    optionLabels: { '0': 'affine', '1': '1 hidden unit', '2': '2 hidden units', '4': '4 hidden units', '8': '8 hidden units', '32': '32 hidden units' },
    default: '0',
  },
  n: { kind: 'int', label: 'Observations N', min: 20, max: 400, step: 10, default: 100 },
  lr: { kind: 'number', label: 'Learning rate', help: 'Adam step size, decayed as lr/√(1 + t/500).', min: 0.001, max: 0.2, default: 0.05, scale: 'log' },
} satisfies ParamTable;

export const amortizationGapDemo = defineDemo({
  id: 'amortization-gap',
  title: 'Factorized versus amortized variational inference',
  params: amortizationParams,
  usesTf: true,
  defaultSteps: 2000,
  async create({ params, seed }) {
    const model = params.model as AmortizedModel;
    const rng = createRng(seed);
    const x = simulateAmortizedData(model, params.n as number, rng.fork());
    let baseLr = params.lr as number;
    const study = createAmortizationStudy({ model, x, lr: baseLr, rng: rng.fork() });
    let shown = ENCODER_WIDTHS.indexOf(Number(params.width) as (typeof ENCODER_WIDTHS)[number]);
    if (shown < 0) shown = 0;
    let xMin = Infinity;
    let xMax = -Infinity;
    for (const v of x) {
      xMin = Math.min(xMin, v);
      xMax = Math.max(xMax, v);
    }
    const pad = 0.1 * (xMax - xMin || 1);
    const grid = Float64Array.from({ length: CURVE_POINTS }, (_, i) => xMin - pad + ((xMax - xMin + 2 * pad) * i) / (CURVE_POINTS - 1));
    const reference = model === 'conjugate' ? conjugateOptimum(x).m : model === 'chain' ? chainMeanFieldOptimum(x).m : null;
    let t = 0;
    let last: AmortizationReading | null = null;
    return {
      async step() {
        last = await study.step();
        t++;
        study.setLearningRate(baseLr / Math.sqrt(1 + t / 500));
        const metrics: Record<string, number> = {
          elboFactorized: last.factorized,
          elboAmortized: last.amortized[shown],
          logEvidence: last.logEvidence,
        };
        ENCODER_WIDTHS.forEach((w, i) => (metrics[`gapWidth${w}`] = last!.factorized - last!.amortized[i]));
        return metrics;
      },
      async snapshot(): Promise<Plain> {
        const r = await study.read(grid);
        return {
          model,
          x,
          widths: Float64Array.from(ENCODER_WIDTHS),
          shown,
          factorizedMean: r.factorized.m,
          factorizedLogS: r.factorized.logS,
          amortizedMean: r.amortized[shown].m,
          curveX: grid,
          curveMean: r.curves[shown].m,
          curveLogS: r.curves[shown].logS,
          reference: reference ? Float32Array.from(reference) : null,
          gaps: last ? Float64Array.from(last.amortized, (a) => last!.factorized - a) : null,
          approximationGap: last ? last.logEvidence - last.factorized : null,
          step: t,
        };
      },
      async checkpoint(): Promise<Plain> {
        return { t, study: await study.save() } as unknown as Plain;
      },
      async restore(c) {
        const saved = c as unknown as { t: number; study: StudyCheckpoint };
        t = saved.t;
        await study.load(saved.study);
      },
      setParams(values) {
        if (typeof values.lr === 'number') baseLr = values.lr;
        if (values.width !== undefined) {
          const i = ENCODER_WIDTHS.indexOf(Number(values.width) as (typeof ENCODER_WIDTHS)[number]);
          if (i >= 0) shown = i;
        }
      },
      corrupt() {
        study.corrupt();
      },
      dispose() {
        study.dispose();
      },
    };
  },
});

export default amortizationGapDemo;
