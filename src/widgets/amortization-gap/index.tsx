/**
 * amortization-gap (chapter 6): per-observation (factorized) VI and inference networks of
 * several widths, trained side by side in the worker (tfjs). Left: each dot is an observation,
 * (x_n, optimal factorized mean m_n); the line is the chosen encoder's x ↦ m(x). Right: the
 * amortization gap of every width, and the per-observation ELBOs against log p(x).
 */
import { amortizationParams } from '../../core/vi/amortized/demo';
import { useWidget, WidgetFrame } from '../frame';
import { BarChart, MetricChart, OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { gapBars, spanOf, widthLabel, type AmortizationSnapshot } from './logic';

export default function AmortizationGapWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: amortizationParams, preset, demo: 'amortization-gap', liveParams: ['width', 'lr'] });
  const snap = w.trainer?.snapshot as AmortizationSnapshot | null | undefined;
  const m = w.trainer?.metrics;
  let figure = <p>Preparing…</p>;
  let bars = null;
  if (snap) {
    const shownWidth = snap.widths[snap.shown];
    const xDomain = spanOf(snap.x);
    const yDomain = spanOf(snap.factorizedMean, snap.curveMean);
    figure = (
      <ScatterPlot
        xDomain={xDomain}
        yDomain={yDomain}
        points={[{ x: snap.x, y: snap.factorizedMean, color: OKABE_ITO.vermillion, size: 3, alpha: 0.8, label: 'factorized m_n' }]}
        paths={[{ x: snap.curveX, y: snap.curveMean, color: OKABE_ITO.blue, width: 2.5 }]}
        xLabel="observation x"
        yLabel="variational mean m"
        ariaLabel={`Per-observation variational means against x, with the ${widthLabel(shownWidth)} encoder's curve`}
      />
    );
    bars = (
      <BarChart
        bars={gapBars(snap, { shown: OKABE_ITO.blue, other: OKABE_ITO.skyBlue })}
        height={180}
        yLabel="gap (nats / obs.)"
        showValues
        formatValue={(v) => v.toFixed(3)}
        ariaLabel="Amortization gap per observation for each encoder width"
      />
    );
  }
  return (
    <WidgetFrame
      widget={w}
      title="The amortization gap"
      caption={
        <>
          Red dots: the per-observation optimum m<sub>n</sub> (free parameters for every observation). Blue line: the encoder&apos;s mean x ↦ m(x),
          for the width chosen below; all widths train at once on the same data. Bars: (ELBO<sub>factorized</sub> − ELBO<sub>encoder</sub>) / N.
        </>
      }
      controls={['model', 'width', 'n', 'lr']}
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          {bars}
          <MetricChart
            history={(w.trainer?.history ?? []).filter((p) => p.step >= 100)}
            series={[
              { key: 'logEvidence', label: 'log p(x) / N', color: OKABE_ITO.black, dashed: true },
              { key: 'elboFactorized', label: 'factorized', color: OKABE_ITO.vermillion },
              { key: 'elboAmortized', label: 'encoder shown', color: OKABE_ITO.blue },
            ]}
            xLabel="Adam step"
            yLabel="nats/obs."
            height={180}
          />
          {m && snap ? (
            <p data-testid="amortization-gap-readout" style={{ fontSize: '0.9em' }}>
              amortization gap ({widthLabel(snap.widths[snap.shown])}) = {(m.elboFactorized - m.elboAmortized).toFixed(4)} · approximation gap ={' '}
              {(m.logEvidence - m.elboFactorized).toFixed(4)} nats per observation
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
