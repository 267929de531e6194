/**
 * ddm-train-2d (chapter 8): a denoising diffusion model trained live on 2-D data in the worker
 * ('ddm' demo). Samples against held-out points, the loss curve, and per-timestep bars of the
 * simplified loss and of the ELBO terms L_{t−1}; energy distances to held-out points with the floor
 * and the Gaussian baseline. The reader can draw a point set and train on it.
 */
import { ddmParams, DDM_LIVE_PARAMS } from '../../core/diffusion/ddmParams';
import type { DdmSnapshot } from '../../core/diffusion/ddmSession';
import { useWidget, WidgetFrame } from '../frame';
import { BarChart, MetricChart, OKABE_ITO, ScatterPlot, splitXY } from '../plots';
import type { WidgetProps } from '../registry';
import { useDrawnPoints } from '../frame/controls/useDrawnPoints';
import { formatEnergy, timestepBars } from './logic';

const DOMAIN: [number, number] = [-3, 3];
const BINS = 10;

export default function DdmTrain2dWidget({ id, preset }: WidgetProps) {
  const drawn = useDrawnPoints({
    domain: DOMAIN,
    useLabel: 'Train on these points',
    onStart: () => w.trainer?.pause(),
    onUse: () => w.setValue('dataset', 'drawn'),
    onClear: () => {
      if (w.values.dataset === 'drawn') w.setValue('dataset', 'moons');
    },
  });
  const input = drawn.input;
  const w = useWidget({ id, params: ddmParams, preset, demo: 'ddm', input, liveParams: [...DDM_LIVE_PARAMS] });
  const snap = w.trainer?.snapshot as DdmSnapshot | null | undefined;

  let figure = <p>Preparing the model…</p>;
  if (snap) {
    const held = splitXY(snap.heldOut);
    const samples = splitXY(snap.samples);
    figure = (
      <ScatterPlot
        xDomain={DOMAIN}
        yDomain={DOMAIN}
        equalAspect
        points={[
          { x: held.x, y: held.y, color: OKABE_ITO.grey, alpha: 0.35, size: 2.5, label: 'held-out data' },
          { x: samples.x, y: samples.y, color: OKABE_ITO.vermillion, alpha: 0.8, size: 2.5, label: 'model samples' },
        ]}
        xLabel="x₁"
        yLabel="x₂"
        ariaLabel={`${samples.x.length} samples from the diffusion model over held-out data after ${snap.step} steps`}
      />
    );
  }

  return (
    <WidgetFrame
      widget={w}
      title="A diffusion model trained live on 2-D data"
      caption={
        <>
          One step is one Adam update of ε<sub>θ</sub> on the simplified loss (a minibatch of points, each with its own t and ε). Grey: held-out
          points; red: samples from the reverse chain. The bars are estimated on 500 held-out points, averaged over groups of timesteps.
          The learning rate falls to a tenth over the last fifth of the step budget. Learning rate and reverse variance apply live; other settings restart training.
        </>
      }
      extraControls={drawn.controls}
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>
          {drawn.area ?? figure}
          {snap ? (
            <p
              data-testid="ddm-energy"
              data-step={snap.step}
              data-model={snap.energy.model}
              data-floor={snap.energy.floor}
              data-gaussian={snap.energy.gaussian}
              style={{ fontSize: '0.9em' }}
            >
              {input === undefined ? (
                <>
                  Energy distance to held-out points ({snap.energy.samples} samples): model {formatEnergy(snap.energy.model)} · floor (a second
                  held-out sample) {formatEnergy(snap.energy.floor)} · Gaussian fit {formatEnergy(snap.energy.gaussian)}. −ELBO on held-out
                  points: {snap.negativeElbo.toFixed(2)} nats per point.
                </>
              ) : (
                <>
                  Energy distance to your points ({snap.energy.samples} samples): model {formatEnergy(snap.energy.model)} · Gaussian fit{' '}
                  {formatEnergy(snap.energy.gaussian)}. Your points are both the training data and the reference (there is no second sample to
                  hold out), so the floor is 0 and a model that merely copied them would score about 0 too: on a few dozen points, a small
                  win over the Gaussian says little. −ELBO on your points: {snap.negativeElbo.toFixed(2)} nats per point.
                </>
              )}
            </p>
          ) : null}
        </div>
        <div>
          <MetricChart
            history={w.trainer?.history ?? []}
            series={[{ key: 'loss', label: 'simplified loss (minibatch)', color: OKABE_ITO.blue }]}
            xLabel="step"
            yLabel="‖ε − ε_θ‖² / d"
            height={170}
            ariaLabel="Minibatch simplified loss against training step"
          />
          {snap ? (
            <>
              <p style={{ margin: '0.4em 0 0' }}>Simplified loss per timestep t</p>
              <BarChart bars={timestepBars(snap.simpleLoss, BINS, OKABE_ITO.blue)} height={130} showValues={false} yLabel="per coordinate" ariaLabel="Simplified loss by timestep" />
              <p style={{ margin: '0.4em 0 0' }}>ELBO terms L<sub>t−1</sub> per timestep (L<sub>0</sub> first; L<sub>T</sub> = {snap.priorTerm.toExponential(1)})</p>
              <BarChart bars={timestepBars(snap.elboTerms, BINS, OKABE_ITO.orange)} height={130} showValues={false} yLabel="nats" ariaLabel="ELBO terms by timestep" />
            </>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
