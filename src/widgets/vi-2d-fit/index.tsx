/**
 * vi-2d-fit (chapter 5): a mean-field Gaussian, a full-rank Gaussian or a coupling flow fitted
 * live (in the worker, tfjs) to a 2-D target by Adam on the reparameterized ELBO. Grey: contours
 * of the target p̃; blue: contours of q; dots: draws from q. Both densities are evaluated on the
 * same grid in the snapshot.
 */
import { vi2dParams } from '../../core/vi/families/demo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { DENSITY_LEVELS, relativeDensity, samplesInBox, type Vi2dSnapshot } from './logic';

export default function Vi2dFitWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: vi2dParams, preset, demo: 'vi-2d-fit', liveParams: ['lr', 'samples'] });
  const snap = w.trainer?.snapshot as Vi2dSnapshot | null | undefined;
  const m = w.trainer?.metrics;
  let figure = <p>Preparing…</p>;
  if (snap) {
    const n = snap.gridSize;
    const extent = { x: [snap.box[0], snap.box[1]] as const, y: [snap.box[2], snap.box[3]] as const };
    const draws = samplesInBox(snap.samples, snap.box);
    figure = (
      <ScatterPlot
        xDomain={extent.x}
        yDomain={extent.y}
        equalAspect
        grids={[
          { values: relativeDensity(snap.logP), nx: n, ny: n, extent, image: true, colormap: 'greys', imageAlpha: 0.35, levels: [...DENSITY_LEVELS], contourColor: OKABE_ITO.grey },
          { values: relativeDensity(snap.logQ), nx: n, ny: n, extent, image: false, levels: [...DENSITY_LEVELS], contourColor: OKABE_ITO.blue, contourWidth: 2 },
        ]}
        points={{ x: draws.x, y: draws.y, color: OKABE_ITO.vermillion, size: 2, alpha: 0.6, label: 'draws from q' }}
        xLabel="z₁"
        yLabel="z₂"
        ariaLabel="Contours of the target density and of the fitted variational density, with draws from q"
      />
    );
  }
  const logZ = snap?.logZ ?? null;
  return (
    <WidgetFrame
      widget={w}
      title="Variational families on 2-D targets"
      caption={
        <>
          Each step is one Adam step on the reparameterized ELBO estimated from the chosen number of draws. Grey contours: the target p̃ (at 3, 15, 40
          and 70% of its peak); blue: q at the same fractions of its own peak; red dots: draws from q. The chart shows the ELBO estimate against its
          ceiling log Z.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          <MetricChart
            history={w.trainer?.history ?? []}
            series={[{ key: 'elbo', label: 'ELBO estimate', color: OKABE_ITO.blue }]}
            reference={logZ === null ? undefined : { y: logZ, label: 'log Z', color: OKABE_ITO.black }}
            xLabel="Adam step"
            yLabel="nats"
          />
          {m ? (
            <p data-testid="vi-2d-fit-readout" style={{ fontSize: '0.9em' }}>
              ELBO ≈ {m.elbo.toFixed(3)}
              {logZ === null ? '' : ` · log Z = ${logZ.toFixed(3)} · gap (KL, noisy) ≈ ${(logZ - m.elbo).toFixed(3)}`}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
