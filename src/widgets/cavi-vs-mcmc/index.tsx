/**
 * cavi-vs-mcmc (chapter 4): CAVI and an MCMC sampler race to the exact posterior mean of a
 * random-effects regression, both in the worker with the same budget per step. The chart plots
 * each method's error (RMS over coefficients, in posterior sds) against its own elapsed ms;
 * the bars compare the variances each method reports with the truth.
 */
import { useMemo, useState } from 'react';
import { raceParams, type RaceSnapshot } from '../../core/vi/cavi/raceDemo';
import { useWidget, WidgetFrame } from '../frame';
import { BarChart, OKABE_ITO } from '../plots';
import type { WidgetProps } from '../registry';
import { tracePoints } from './logic';
import { RaceChart } from './RaceChart';

export default function CaviVsMcmcWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: raceParams, preset, demo: 'cavi-vs-mcmc' });
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const width = Math.max(260, Math.min(720, box?.clientWidth ?? 400));
  const snap = w.trainer?.snapshot as RaceSnapshot | null | undefined;
  const traces = useMemo(
    () => ({
      cavi: snap ? tracePoints(snap.caviTraceMs, snap.caviTraceError) : [],
      mcmc: snap ? tracePoints(snap.mcmcTraceMs, snap.mcmcTraceError) : [],
    }),
    [snap],
  );
  const m = w.trainer?.metrics;
  const mcmcLabel = w.values.sampler === 'gibbs' ? 'Gibbs' : 'Metropolis';
  return (
    <WidgetFrame
      widget={w}
      title="CAVI vs MCMC: a race to the posterior mean"
      controls={['sampler', 'rho', 'd', 'n', 'budget', 'msPerStep', 'sweepsPerStep']}
      caption={
        <>
          Error of each method&apos;s estimate of the exact posterior mean, against the milliseconds it has used. CAVI converges geometrically and
          stops; the sampler&apos;s running average keeps improving like 1/√time. The bars show the variance each method reports, as a fraction of the true posterior variance.
        </>
      }
    >
      <div ref={setBox}>
        <RaceChart
          cavi={traces.cavi}
          mcmc={traces.mcmc}
          mcmcLabel={mcmcLabel}
          width={width}
        />
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: '1em', alignItems: 'start' }}>
          <BarChart
            bars={[
              { label: 'CAVI', value: m?.caviVarRatio ?? 0, color: OKABE_ITO.vermillion },
              { label: mcmcLabel, value: m?.mcmcVarRatio ?? 0, color: OKABE_ITO.blue },
              { label: 'truth', value: 1, color: OKABE_ITO.grey },
            ]}
            domain={[0, 1.3]}
            yLabel="variance / true"
            showValues
            formatValue={(v) => v.toFixed(2)}
            ariaLabel="Reported posterior variance relative to the truth, for CAVI and the sampler"
          />
          {m ? (
            <p data-testid="cavi-vs-mcmc-readout" style={{ fontSize: '0.9em' }}>
              CAVI: error {m.caviError.toExponential(1)} after {m.caviSweeps} sweeps, {m.caviMs.toFixed(1)} ms · {mcmcLabel}: error{' '}
              {m.mcmcError.toExponential(1)} after {m.mcmcSweeps} sweeps, {m.mcmcMs.toFixed(1)} ms
              {w.values.sampler === 'rwm' ? ` · acceptance ${(100 * m.acceptance).toFixed(0)}%` : ''}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
