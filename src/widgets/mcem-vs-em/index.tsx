/**
 * mcem-vs-em (chapter 2): exact EM and Monte Carlo EM on the same data from the same start. Solid
 * ellipses are exact EM, dashed ones MCEM with m sampled labels per point (slider, live). The
 * charts show both log-likelihoods and the distance between their means.
 */
import { mcemParams, type McemSnapshot } from '../../core/em/mcemDemo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot, splitXY } from '../plots';
import type { WidgetProps } from '../registry';
import { componentEllipses, squareDomain, traceToHistory } from '../em-gmm/logic';

export default function McemVsEmWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: mcemParams, preset, demo: 'mcem', liveParams: ['m', 'maxSteps'], initialSpeed: 20 });
  const snap = w.trainer?.snapshot as McemSnapshot | null | undefined;
  const m = w.trainer?.metrics;
  const history = snap ? traceToHistory(snap.trace) : [];
  let figure = <p>Preparing…</p>;
  if (snap) {
    const { x, y } = splitXY(snap.data);
    const domain = squareDomain(snap.data, 2);
    figure = (
      <ScatterPlot
        xDomain={domain}
        yDomain={domain}
        equalAspect
        points={{ x, y, color: OKABE_ITO.grey, size: 2.5, alpha: 0.7 }}
        ellipses={[
          ...componentEllipses(snap.exactMeans, snap.exactCovariances, snap.k, { lineWidth: 2.5, nSigma: [1.5] }),
          ...componentEllipses(snap.mcMeans, snap.mcCovariances, snap.k, { dashed: true, lineWidth: 1.5, nSigma: [1.5] }),
        ]}
        xLabel="x₁"
        yLabel="x₂"
        ariaLabel="Data with exact-EM component ellipses (solid) and Monte Carlo EM ellipses (dashed)"
      />
    );
  }
  return (
    <WidgetFrame
      widget={w}
      title="Monte Carlo EM beside exact EM"
      caption={
        <>
          Ellipses are 1.5σ contours. Solid: exact EM. Dashed: Monte Carlo EM, whose E-step draws m labels per point from the responsibilities. Both start from the
          same k-means++ draw. Drag m while it runs: the dashed ellipses jitter less, and the gap closes roughly like 1/√m.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          <MetricChart
            history={history}
            series={[
              { key: 'logLikExact', label: 'exact EM ℓ/n', color: OKABE_ITO.blue },
              { key: 'logLikMc', label: 'MCEM ℓ/n', color: OKABE_ITO.orange, dashed: true },
            ]}
            xLabel="iteration"
            yLabel="ℓ/n"
            height={180}
          />
          <MetricChart
            history={history}
            series={[{ key: 'meanGap', label: 'max |μ_MC − μ_EM|', color: OKABE_ITO.vermillion }]}
            logY
            xLabel="iteration"
            height={160}
          />
          {m ? (
            <p data-testid="mcem-readout" style={{ fontSize: '0.9em' }}>
              m = {m.m} · exact ℓ/n {m.logLikExact.toFixed(4)} · MCEM ℓ/n {m.logLikMc.toFixed(4)} · largest mean difference {m.meanGap.toExponential(2)}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
