/**
 * ppca-em (chapter 2): EM for probabilistic PCA converging to the closed-form MLE
 * (Tipping & Bishop 1999). Solid lines: EM's loading columns; dashed: the closed form; circles:
 * the noise level σ of each. The chart shows the rotation-invariant distances on a log scale.
 */
import { ppcaParams, type PpcaSnapshot } from '../../core/em/ppcaDemo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot, type PathLayer } from '../plots';
import type { WidgetProps } from '../registry';
import { squareDomain } from '../em-gmm/logic';
import { firstTwo, loadingSegments } from './logic';

export default function PpcaEmWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: ppcaParams, preset, demo: 'ppca-em' });
  const snap = w.trainer?.snapshot as PpcaSnapshot | null | undefined;
  const m = w.trainer?.metrics;
  let figure = <p>Preparing…</p>;
  if (snap) {
    const { x, y } = firstTwo(snap.data, snap.n, snap.d);
    const domain = squareDomain(snap.data, 1);
    const mu = [snap.mean[0], snap.mean[1]] as [number, number];
    const paths: PathLayer[] = [
      ...loadingSegments(snap.mleW, snap.d, snap.q, mu).map((s) => ({ ...s, color: OKABE_ITO.black, width: 2, dashed: true })),
      ...loadingSegments(snap.W, snap.d, snap.q, mu).map((s) => ({ ...s, color: OKABE_ITO.vermillion, width: 3 })),
    ];
    const circle = (s2: number) => [s2, 0, 0, s2];
    figure = (
      <ScatterPlot
        xDomain={domain}
        yDomain={domain}
        equalAspect
        points={{ x, y, color: OKABE_ITO.skyBlue, size: 2.5, alpha: 0.7 }}
        paths={paths}
        ellipses={[
          { mean: mu, cov: circle(snap.mleSigma2), nSigma: 1, color: OKABE_ITO.black, dashed: true, showMean: false, lineWidth: 1.5 },
          ...(Number.isFinite(snap.sigma2) && snap.sigma2 > 0
            ? [{ mean: mu, cov: circle(snap.sigma2), nSigma: 1, color: OKABE_ITO.vermillion, showMean: false, lineWidth: 2 }]
            : []),
        ]}
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
          Red: EM&apos;s loadings W<sub>t</sub> (lines through the mean, since a column&apos;s sign is arbitrary) and a circle of radius σ<sub>t</sub>.
          Black dashed: the closed-form MLE. With d &gt; 2 the plot shows the first two coordinates. The chart shows the largest principal angle
          between the subspaces, ‖WWᵀ − Ŵ Ŵᵀ‖, |σ² − σ̂²| and ℓ̂ − ℓ per point, all on a log scale.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          <MetricChart
            history={w.trainer?.history ?? []}
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
