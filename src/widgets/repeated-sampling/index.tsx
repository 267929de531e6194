/**
 * repeated-sampling (chapter 9): R data sets from a fixed θ* in the random-effects model with J
 * observations per group, each fitted by exact EM (the MLE) and variational EM. The histogram is the
 * sampling distribution of the chosen estimate (truth solid, variational limit θ† dashed); the table
 * compares each estimate's empirical sd with its naive, curvature and sandwich standard errors and
 * gives the coverage of their 95% Wald intervals.
 */
import { useMemo } from 'react';
import { repeatedSamplingParams, REPEATED_SAMPLING_LIVE_PARAMS, type RepeatedSamplingSnapshot } from '../../core/vi/estimator/demo';
import { useWidget, WidgetFrame } from '../frame';
import { OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { histogramPath, summaryRows, fmt3 } from './logic';
import { SummaryTable } from './SummaryTable';

export default function RepeatedSamplingWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: repeatedSamplingParams, preset, demo: 'repeated-sampling', liveParams: [...REPEATED_SAMPLING_LIVE_PARAMS], initialSpeed: () => 20 });
  const snap = w.trainer?.snapshot as RepeatedSamplingSnapshot | null | undefined;

  const figure = useMemo(() => {
    if (!snap) return <p>Preparing…</p>;
    const mle = histogramPath(snap.mle.counts, snap.lo, snap.hi);
    const vem = histogramPath(snap.variational.counts, snap.lo, snap.hi);
    const top = Math.max(1e-9, ...mle.y, ...vem.y) * 1.1;
    const limit = snap.show === 'mu' ? snap.truth : snap.variational.tau2Limit;
    const name = snap.show === 'mu' ? 'μ' : 'τ²';
    return (
      <ScatterPlot
        xDomain={[snap.lo, snap.hi]}
        yDomain={[0, top]}
        aspect={0.6}
        paths={[
          { x: mle.x, y: mle.y, color: OKABE_ITO.blue, width: 2 },
          { x: vem.x, y: vem.y, color: OKABE_ITO.orange, width: 2 },
          { x: [snap.truth, snap.truth], y: [0, top], color: OKABE_ITO.black, width: 1.5 },
          { x: [limit, limit], y: [0, top], color: OKABE_ITO.orange, width: 1.5, dashed: true },
        ]}
        xLabel={`estimate of ${name}`}
        yLabel="density"
        ariaLabel={`Histograms of ${snap.count} MLEs (blue) and variational estimates (orange) of ${name}, with the true value ${fmt3(snap.truth)} (solid line) and the variational limit ${fmt3(limit)} (dashed)`}
      />
    );
  }, [snap]);

  const rows = useMemo(() => (snap ? summaryRows({ mle: snap.mle, variational: snap.variational }) : []), [snap]);
  const mcse = snap && snap.count > 0 ? 1.96 * Math.sqrt((0.95 * 0.05) / snap.count) : NaN;

  return (
    <WidgetFrame
      widget={w}
      title="Repeated sampling: the MLE and the variational estimate"
      caption={
        <>
          One step simulates more data sets from θ* = (0, τ*²) with σ = 1 (each: n groups of J observations, drawn through the group means) and fits each
          by exact EM (blue) and variational EM with q&rsquo;s variance fixed at c·σ²/J (orange). Solid line: the truth; dashed: the variational
          estimate&rsquo;s limit θ†.
        </>
      }
    >
      <div>{figure}</div>
      {snap ? (
        <div data-testid="repeated-sampling-readout" style={{ fontSize: '0.9em', overflowX: 'auto' }}>
          <p role="status">
            {snap.count} of {snap.R} data sets · variational limit τ²† = {fmt3(snap.variational.tau2Limit)} (truth τ*² = {fmt3(snap.tau2Star)}) · asymptotic sd of τ̂²: MLE {fmt3(snap.mle.asymptoticSd[1])}, variational {fmt3(snap.variational.asymptoticSd[1])}
            {snap.mle.outside + snap.variational.outside > 0 ? ` · ${snap.mle.outside + snap.variational.outside} estimates outside the plotted range (counted in the end bins)` : ''}
          </p>
          {snap.count > 1 ? <SummaryTable rows={rows} count={snap.count} mcse={mcse} /> : null}
        </div>
      ) : null}
    </WidgetFrame>
  );
}
