/**
 * gradient-variance (chapter 5): repeated score-function and reparameterization estimates of
 * ∇ELBO for q = N(m, s²) against an unnormalized Gaussian target Z·N(0, 1), drawn as histograms
 * around the exact gradient. The printed variance ratio comes from `varianceRatio`, the function
 * the tests check. Computed on the main thread (a few tens of milliseconds); no training run.
 */
import { useMemo } from 'react';
import { gradientVarianceStudy, varianceRatio, type EstimatorName } from '../../core/vi/gradients';
import { useWidget, WidgetFrame } from '../frame';
import { OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { commonRange, gradientVarianceParams as params, histogramPath } from './logic';


const BINS = 40;
const SHOWN: { name: EstimatorName; label: string; color: string }[] = [
  { name: 'reparameterization', label: 'reparameterization', color: OKABE_ITO.blue },
  { name: 'score', label: 'score function', color: OKABE_ITO.vermillion },
];

export default function GradientVarianceWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params, preset });
  const { qMean, qLogScale, logZ, samples, repeats, component, controlVariate } = w.values;
  const study = useMemo(
    () => gradientVarianceStudy({ toy: { m: qMean, logS: qLogScale, mu0: 0, sigma0: 1, logZ }, samples, repeats, seed: w.seed }),
    [qMean, qLogScale, logZ, samples, repeats, w.seed],
  );
  const comp = component as 'm' | 'logS';
  const cv = controlVariate as 'score-baseline' | 'score-loo';
  const exact = comp === 'm' ? study.exact[0] : study.exact[1];
  const shown = [...SHOWN, { name: cv, label: cv === 'score-loo' ? 'score + leave-one-out' : 'score + baseline', color: OKABE_ITO.bluishGreen }];
  const range = commonRange(shown.map((s) => study.estimates[s.name][comp]), 0.98, [exact]);
  const hists = shown.map((s) => ({ ...s, h: histogramPath(study.estimates[s.name][comp], range[0], range[1], BINS) }));
  const peak = Math.max(...hists.map((h) => h.h.peak)) * 1.08 || 1;
  const ratio = varianceRatio(study, 'score', comp);
  const ratioCv = varianceRatio(study, cv, comp);
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
  return (
    <WidgetFrame
      widget={w}
      title="Score function versus reparameterization"
      caption={
        <>
          {repeats} independent estimates of the ELBO gradient, each from S = {samples} draws of q = N(m, s²), for the target Z·N(0, 1). Histograms
          (density) of the estimates; the black line is the exact gradient. All estimators use the same draws.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <ScatterPlot
          xDomain={range}
          yDomain={[0, peak]}
          aspect={0.6}
          paths={[
            ...hists.map((h) => ({ x: h.h.x, y: h.h.y, color: h.color, width: 2 })),
            { x: [exact, exact], y: [0, peak], color: OKABE_ITO.black, width: 1.5, dashed: true },
          ]}
          xLabel={comp === 'm' ? 'estimate of ∂ELBO/∂m' : 'estimate of ∂ELBO/∂ log s'}
          yLabel="density"
          ariaLabel="Histograms of repeated gradient estimates from the reparameterization and score-function estimators, with the exact gradient"
        />
        <table data-testid="gradient-variance-table" style={{ fontSize: '0.9em' }}>
          <thead>
            <tr>
              <th scope="col">estimator</th>
              <th scope="col">mean</th>
              <th scope="col">variance</th>
            </tr>
          </thead>
          <tbody>
            {hists.map((h) => (
              <tr key={h.name}>
                <th scope="row">
                  <span aria-hidden="true" style={{ display: 'inline-block', width: '0.8em', height: '0.8em', marginRight: '0.4em', background: h.color, borderRadius: 2 }} />
                  {h.label}
                </th>
                <td>{fmt(study.summary[h.name][comp].mean)}</td>
                <td>{fmt(study.summary[h.name][comp].variance)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">exact gradient</th>
              <td>{fmt(exact)}</td>
              <td>0</td>
            </tr>
            <tr>
              <td colSpan={3} data-testid="gradient-variance-ratio">
                Var(score) / Var(reparameterization) = <strong>{fmt(ratio)}</strong>; with the control variate: <strong>{fmt(ratioCv)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </WidgetFrame>
  );
}
