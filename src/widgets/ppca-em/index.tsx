/**
 * ppca-em (chapter 2): EM for probabilistic PCA converging to the closed-form MLE
 * (Tipping & Bishop 1999). Solid lines: EM's loading columns; dashed: the closed form; circles:
 * the noise level σ of each. The chart shows the rotation-invariant distances on a log scale.
 */
import { ppcaParams, type PpcaSnapshot } from '../../core/em/ppcaDemo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot, type ArrowLayer, type EllipseLayer } from '../plots';
import type { WidgetProps } from '../registry';
import { squareDomain, traceToHistory } from '../em-gmm/logic';
import { firstTwo, loadingArrows, modelCovariance2 } from './logic';

export default function PpcaEmWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: ppcaParams, preset, demo: 'ppca-em', initialSpeed: 20 });
  const snap = w.trainer?.snapshot as PpcaSnapshot | null | undefined;
  const m = w.trainer?.metrics;
  let figure = <p>Preparing…</p>;
  if (snap) {
    const { x, y } = firstTwo(snap.data, snap.n, snap.d);
    const domain = squareDomain(snap.data, 1);
    const mu = [snap.mean[0], snap.mean[1]] as [number, number];
    // the fitted Gaussians N(μ, WWᵀ + σ²I) (2σ contour) and the loading columns as arrows ±w_a
    const ellipses: EllipseLayer[] = [
      { mean: mu, cov: modelCovariance2(snap.mleW, snap.d, snap.q, snap.mleSigma2), nSigma: 2, color: OKABE_ITO.black, dashed: true, showMean: false, lineWidth: 1.5 },
    ];
    const arrows: ArrowLayer[] = [{ ...loadingArrows(snap.mleW, snap.d, snap.q, mu), color: OKABE_ITO.black, width: 1.5 }];
    if ([...snap.W, snap.sigma2].every(Number.isFinite)) {
      ellipses.push({ mean: mu, cov: modelCovariance2(snap.W, snap.d, snap.q, snap.sigma2), nSigma: 2, color: OKABE_ITO.vermillion, showMean: false, lineWidth: 2.5 });
      arrows.push({ ...loadingArrows(snap.W, snap.d, snap.q, mu), color: OKABE_ITO.vermillion, width: 2.5 });
    }
    figure = (
      <ScatterPlot
        xDomain={domain}
        yDomain={domain}
        equalAspect
        points={{ x, y, color: OKABE_ITO.skyBlue, size: 2.5, alpha: 0.5 }}
        ellipses={ellipses}
        arrows={arrows}
        xLabel="x₁"
        yLabel="x₂"
        ariaLabel="Data with EM's loading directions (solid) and the closed-form MLE's (dashed), and circles of radius σ"
      />
    );
  }
  return (
    <WidgetFrame
      widget={w}
      title="EM for probabilistic PCA"
      caption={
        <>
          Red: EM&apos;s loading columns ±w<sub>t</sub> (both signs: a column&apos;s sign is arbitrary) and the 2σ contour of its fitted
          Gaussian N(x̄, W<sub>t</sub>W<sub>t</sub>ᵀ + σ<sub>t</sub>²I). Black: the same for the closed-form MLE. With d &gt; 2 the plot shows the first two coordinates. The chart shows the largest principal angle
          between the subspaces, ‖WWᵀ − Ŵ Ŵᵀ‖, |σ² − σ̂²| and ℓ̂ − ℓ per point, all on a log scale.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          <MetricChart
            history={snap ? traceToHistory(snap.trace, 1e-16) : []}
            series={[
              { key: 'angle', label: 'subspace angle (rad)', color: OKABE_ITO.vermillion },
              { key: 'distance', label: '‖WWᵀ − ŴŴᵀ‖', color: OKABE_ITO.blue },
              { key: 'sigma2Error', label: '|σ² − σ̂²|', color: OKABE_ITO.bluishGreen },
              { key: 'gap', label: 'ℓ̂/n − ℓ/n', color: OKABE_ITO.orange, dashed: true },
            ]}
            logY
            xLabel="iteration"
          />
          {snap && m ? (
            <p data-testid="ppca-readout" style={{ fontSize: '0.9em' }}>
              iteration {snap.step}: σ² = {snap.sigma2.toFixed(5)} (closed form {snap.mleSigma2.toFixed(5)}), angle {m.angle.toExponential(2)} rad, ℓ/n ={' '}
              {m.logLik.toFixed(5)}. {snap.notice}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
