/**
 * svi-step-sizes (chapter 5): SVI on the hierarchical normal model with ρ_t = (τ₀ + t)^(−κ).
 * Left: the path of (μ, τ) towards the full-batch optimum; right: log₁₀ distance to the optimum
 * for the reader's κ and two reference runs outside (½, 1] (κ = 0.3 and κ = 1.5) on the same
 * minibatches.
 */
import { sviParams, SVI_REFERENCE_KAPPAS } from '../../core/vi/svi/demo';
import { useWidget, WidgetFrame } from '../frame';
import { OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { pathDomain, traceColumns, type SviSnapshot } from './logic';

export default function SviStepSizesWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: sviParams, preset, demo: 'svi-step-sizes' });
  const snap = w.trainer?.snapshot as SviSnapshot | null | undefined;
  const m = w.trainer?.metrics;
  let figure = <p>Preparing…</p>;
  if (snap) {
    const mus = snap.path.filter((_, i) => i % 2 === 0);
    const taus = snap.path.filter((_, i) => i % 2 === 1);
    const { x, y } = pathDomain(snap);
    figure = (
      <ScatterPlot
        xDomain={x}
        yDomain={y}
        paths={[{ x: [snap.init.mu, ...mus], y: [snap.init.tau, ...taus], color: OKABE_ITO.blue, width: 1.5, alpha: 0.8 }]}
        points={[
          { x: [snap.optimum.mu], y: [snap.optimum.tau], color: OKABE_ITO.black, size: 7, label: 'full-batch optimum' },
          { x: [snap.slow.mu], y: [snap.slow.tau], color: OKABE_ITO.orange, size: 5, label: `κ = ${SVI_REFERENCE_KAPPAS.slow}` },
          { x: [snap.fast.mu], y: [snap.fast.tau], color: OKABE_ITO.grey, size: 5, label: `κ = ${SVI_REFERENCE_KAPPAS.fast}` },
          { x: [snap.main.mu], y: [snap.main.tau], color: OKABE_ITO.blue, size: 6, label: 'your κ' },
        ]}
        xLabel="μ"
        yLabel="τ"
        ariaLabel="Path of the SVI iterate in the (mu, tau) plane towards the full-batch optimum"
      />
    );
  }
  return (
    <WidgetFrame
      widget={w}
      title="SVI and Robbins–Monro step sizes"
      caption={
        <>
          One step draws a minibatch, computes the exact local posteriors, and blends their statistics in with weight ρ<sub>t</sub> = (τ₀ + t)
          <sup>−κ</sup>. Black: the full-batch optimum (the MLE). Blue: your run. Orange (κ = {SVI_REFERENCE_KAPPAS.slow}) and grey (κ ={' '}
          {SVI_REFERENCE_KAPPAS.fast}) use the same minibatches with κ outside (½, 1]. Error: |μ − μ̂| + |τ − τ̂|. Lower the speed to watch the path form.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          {snap ? <ErrorTrace snap={snap} /> : null}
          {m ? (
            <p data-testid="svi-readout" style={{ fontSize: '0.9em' }}>
              μ = {m.mu.toFixed(3)}, τ = {m.tau.toFixed(3)}, ρ<sub>t</sub> = {m.rho.toExponential(2)}
              {snap ? ` · optimum μ̂ = ${snap.optimum.mu.toFixed(3)}, τ̂ = ${snap.optimum.tau.toFixed(3)}` : ''}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}

/** log₁₀ error against log₁₀ t for the three runs: a straight descent is a power-law rate. */
function ErrorTrace({ snap }: { snap: SviSnapshot }) {
  const c = traceColumns(snap.trace);
  const lastT = Math.max(1, Math.log10(Math.max(10, snap.step)));
  const all = [...c.main, ...c.slow, ...c.fast].filter(Number.isFinite);
  const lo = Math.min(-3, ...all);
  const hi = Math.max(1, ...all);
  return (
    <ScatterPlot
      xDomain={[0, lastT]}
      yDomain={[lo - 0.1, hi + 0.1]}
      aspect={0.7}
      paths={[
        { x: c.logT, y: c.slow, color: OKABE_ITO.orange, width: 1.5, dashed: true },
        { x: c.logT, y: c.fast, color: OKABE_ITO.grey, width: 1.5, dashed: true },
        { x: c.logT, y: c.main, color: OKABE_ITO.blue, width: 2 },
      ]}
      xLabel="log₁₀ step t"
      yLabel="log₁₀ error"
      ariaLabel="Log-log plot of the distance to the optimum against the step for your run and the two reference runs"
    />
  );
}
