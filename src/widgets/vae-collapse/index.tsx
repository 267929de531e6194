/**
 * vae-collapse (chapter 7): a setting in which most latent dimensions collapse to the prior
 * (a Gaussian decoder whose σ makes every nat of KL expensive), with the per-dimension KL,
 * the active units A_d > 0.01, and the fixes as switches: KL annealing, free bits, a Bernoulli
 * decoder.
 */
import { vaeParams } from '../../core/vae/vaeParams';
import { useWidget, WidgetFrame } from '../frame';
import { BarChart, MetricChart, OKABE_ITO } from '../plots';
import type { WidgetProps } from '../registry';
import { epochHistory, type VaeSnapshotView } from '../vae-train/logic';
import { COLLAPSE_PRESET } from './preset';


const ANNEAL_EPOCHS = 5;
const FREE_BITS = 0.5;

export default function VaeCollapseWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: vaeParams, preset: { ...COLLAPSE_PRESET, ...preset }, demo: 'vae', liveParams: ['lr', 'klWeight', 'freeBits', 'annealEpochs'] });
  const snap = w.trainer?.snapshot as VaeSnapshotView | null | undefined;
  const v = w.values;

  const switches = (
    <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
      <legend>Fixes</legend>
      <label style={{ display: 'block' }}>
        <input type="checkbox" checked={v.annealEpochs > 0} onChange={(e) => w.setValue('annealEpochs', e.target.checked ? ANNEAL_EPOCHS : 0)} /> KL annealing (β from 0 to 1 over{' '}
        {ANNEAL_EPOCHS} epochs)
      </label>
      <label style={{ display: 'block' }}>
        <input type="checkbox" checked={v.freeBits > 0} onChange={(e) => w.setValue('freeBits', e.target.checked ? FREE_BITS : 0)} /> Free bits (λ = {FREE_BITS} nats per
        dimension)
      </label>
      <label style={{ display: 'block' }}>
        <input type="checkbox" checked={v.decoder === 'bernoulli'} onChange={(e) => w.setValue('decoder', e.target.checked ? 'bernoulli' : 'gaussian')} /> Bernoulli decoder
        instead of Gaussian
      </label>
    </fieldset>
  );

  let bars = <p>Press Play to train; the bars update after every epoch.</p>;
  if (snap) {
    const kl = Array.from(snap.klPerDim);
    bars = (
      <BarChart
        bars={kl.map((value, d) => ({
          label: `z${d + 1}`,
          value,
          color: snap.meanVariance[d] > 0.01 ? OKABE_ITO.bluishGreen : OKABE_ITO.grey,
        }))}
        yLabel="held-out KL (nats)"
        formatValue={(x) => x.toFixed(2)}
        ariaLabel="Held-out KL per latent dimension; green bars are active units"
      />
    );
  }

  return (
    <WidgetFrame
      widget={w}
      title="Posterior collapse and its fixes"
      controls={['decoderStd', 'klWeight', 'latent', 'epochs']}
      extraControls={switches}
      caption={
        <>
          A 784-200-16 VAE on 3,000 digits with a Gaussian decoder of fixed σ = 2: pixels are declared so noisy that a code can hardly
          improve the reconstruction term, and every nat of KL must pay for itself. Bars are
          the held-out KL of each latent dimension after the latest epoch, green when the unit is active (variance of its encoder mean over
          held-out digits above 0.01), grey when it has collapsed to the prior.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{bars}</div>
        <div>
          <MetricChart
            history={epochHistory(snap?.history ?? []).map((h, i) => ({ ...h, metrics: { ...h.metrics, activeUnits: snap?.history[i] && 'activeUnits' in snap.history[i] ? Number((snap.history[i] as { activeUnits?: number }).activeUnits) : NaN } }))}
            series={[{ key: 'activeUnits', label: 'active units', color: OKABE_ITO.bluishGreen }]}
            xLabel="epoch"
            yLabel="active units"
            height={170}
          />
          <MetricChart history={epochHistory(snap?.history ?? [])} series={[{ key: 'testKl', label: 'held-out KL', color: OKABE_ITO.orange }]} xLabel="epoch" yLabel="nats" height={150} />
          {snap ? (
            <p data-testid="vae-collapse-readout" style={{ fontSize: '0.9em' }}>
              Active units {snap.activeUnits} of {snap.latent} · held-out ELBO {snap.test.elbo.toFixed(1)} nats · KL {snap.test.kl.toFixed(2)} nats · epoch{' '}
              {(snap.step / snap.stepsPerEpoch).toFixed(1)} of {snap.totalSteps / snap.stepsPerEpoch}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
