/**
 * em-gmm (chapter 2): EM for a 2-D Gaussian mixture on the toy datasets or on points the reader
 * draws. Colours are responsibilities, ellipses are the components (1σ, 2σ), the chart is ℓ/n
 * (and, stepping E and M separately, the lower bound L(q, θ)). Degenerate components are flagged
 * and explained; restarts are listed with their final log-likelihoods.
 */
import { useMemo } from 'react';
import { emGmmParams, EM_GMM_LIVE_PARAMS } from '../../core/em/emGmmParams';
import type { EmGmmSnapshot } from '../../core/em/gmmSession';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot, splitXY, type MetricSeries } from '../plots';
import type { WidgetProps } from '../registry';
import { componentEllipses, phaseLabel, responsibilityColors, squareDomain, traceToHistory } from './logic';
import { RestartTable } from './RestartTable';
import { InferenceTable } from './InferenceTable';
import { useDrawnPoints } from '../frame/controls/useDrawnPoints';

const DRAW_DOMAIN: [number, number] = [-3, 3];

export default function EmGmmWidget({ id, preset }: WidgetProps) {
  const drawn = useDrawnPoints({ domain: DRAW_DOMAIN, useLabel: 'Fit EM to these points', onStart: () => w.trainer?.pause() });
  const w = useWidget({ id, params: emGmmParams, preset, demo: 'em-gmm', input: drawn.input, liveParams: [...EM_GMM_LIVE_PARAMS], initialSpeed: (v) => (v.restarts > 1 ? 60 : 5) });
  const snap = w.trainer?.snapshot as EmGmmSnapshot | null | undefined;
  const m = w.trainer?.metrics;

  const series = useMemo<MetricSeries[]>(
    () => [
      { key: 'logLik', label: 'ℓ/n', color: OKABE_ITO.blue },
      ...(w.values.halfSteps ? [{ key: 'bound', label: 'lower bound L(q, θ)/n', color: OKABE_ITO.orange, dashed: true }] : []),
    ],
    [w.values.halfSteps],
  );

  // Progress reports (10 a second) re-render the frame; the figure and chart change only with a snapshot.
  const figure = useMemo(() => {
    if (!snap) return <p>Preparing…</p>;
    const { x, y } = splitXY(snap.data);
    const domain = squareDomain(snap.data, 2);
    return (
      <ScatterPlot
        xDomain={domain}
        yDomain={domain}
        equalAspect
        points={{ x, y, rgb: responsibilityColors(snap.resp, snap.n, snap.k), size: 3, alpha: 0.85, label: 'data' }}
        ellipses={componentEllipses(snap.means, snap.covariances, snap.k, { degenerate: snap.degenerate })}
        xLabel="x₁"
        yLabel="x₂"
        ariaLabel={`${snap.n} points coloured by EM responsibilities, with ${snap.k} component ellipses`}
      />
    );
  }, [snap]);
  const history = useMemo(() => (snap ? traceToHistory(snap.trace, undefined, 0) : []), [snap]);

  return (
    <WidgetFrame
      widget={w}
      title="EM for a Gaussian mixture"
      caption={
        <>
          One step is one EM iteration (or, with &ldquo;Step E and M separately&rdquo;, one half). Colours mix the component colours by
          the responsibilities r<sub>ik</sub>; ellipses are 1σ and 2σ contours; a dashed, shaded ellipse is a component flagged as collapsing.
        </>
      }
      extraControls={drawn.controls}
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{drawn.area ?? figure}</div>
        <div>
          <MetricChart history={history} series={series} xLabel="step" yLabel="per point (nats)" />
          {snap && m ? (
            <div data-testid="em-gmm-readout" style={{ fontSize: '0.9em' }}>
              <p>
                {phaseLabel(snap.phase, snap.step)}. ℓ/n = {m.logLik.toFixed(4)}
                {snap.phase === 'M' ? <> ≥ bound {m.bound.toFixed(4)}</> : null} · change {m.delta.toExponential(1)} · restart {snap.restart + 1} of{' '}
                {snap.restarts} · data: {snap.source === 'drawn' ? 'your points' : snap.source}
              </p>
              {snap.notice ? <p role="status">{snap.notice}</p> : null}
              {snap.degenerateNotes.length > 0 ? (
                <div role="alert" data-testid="em-gmm-degenerate" className="widget-warning" style={{ borderLeft: `4px solid ${OKABE_ITO.vermillion}`, paddingLeft: '0.5em' }}>
                  {snap.degenerateNotes.map((t, i) => (
                    <p key={i}>{t}</p>
                  ))}
                  <p>
                    {w.values.guard
                      ? 'The guard will re-seed it at the next M-step.'
                      : 'The guard is off: the covariance floor ψ = 10⁻⁴ keeps ℓ finite, but this is a degenerate solution, not an MLE.'}
                  </p>
                </div>
              ) : null}
              {snap.events.length > 0 ? (
                <details>
                  <summary>Guard interventions ({snap.events.length})</summary>
                  {snap.events.map((t, i) => (
                    <p key={i}>{t}</p>
                  ))}
                </details>
              ) : null}
              {snap.done && snap.inference ? <InferenceTable inference={snap.inference} /> : null}
              {snap.restarts > 1 ? <RestartTable rows={snap.restartSummaries} best={snap.bestRestart} done={snap.done} /> : null}
            </div>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
