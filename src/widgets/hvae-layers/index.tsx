/**
 * hvae-layers (chapter 7): the two-layer (ladder) VAE trained live in the worker. The minibatch
 * ELBO and each layer's KL as it trains; held-out active units per layer (bars, green when
 * active); what the layers encode: digits sharing one z₂ with z₁ resampled, and rows that hold
 * z₁'s noise while z₂ moves. Switches for the top layer's fixes (warm-up, free bits), set to the
 * values of chapter 7's measured comparison (src/core/vae/hvae/collapse.ts). Opens on the shipped
 * weights.
 */
import { FREE_BITS_FIX as FREE_BITS, WARMUP_FIX_EPOCHS as WARMUP_EPOCHS } from '../../core/vae/hvae/collapseSettings';
import { hvaeParams } from '../../core/vae/hvae/params';
import { useWidget, WidgetFrame } from '../frame';
import { BarChart, ImageGrid, MetricChart, OKABE_ITO } from '../plots';
import type { WidgetProps } from '../registry';
import { epochRows, klBars, type HvaeSnapshotView } from './logic';

export default function HvaeLayersWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: hvaeParams, preset, demo: 'hvae', liveParams: ['lr', 'warmupEpochs', 'freeBits'] });
  const snap = w.trainer?.snapshot as HvaeSnapshotView | null | undefined;
  const v = w.values;

  const switches = (
    <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
      <legend>Start and fixes for the top layer</legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4em', marginBottom: '0.4em' }}>
        <button type="button" onClick={() => w.setValue('start', 'scratch')}>
          Train from scratch
        </button>
        <button type="button" onClick={() => w.setValue('start', 'pretrained')}>
          Load pretrained
        </button>
      </div>
      <label style={{ display: 'block' }}>
        <input type="checkbox" checked={v.warmupEpochs > 0} onChange={(e) => w.setValue('warmupEpochs', e.target.checked ? WARMUP_EPOCHS : 0)} /> Warm-up (β from 0 to 1
        over {WARMUP_EPOCHS} epochs)
      </label>
      <label style={{ display: 'block' }}>
        <input type="checkbox" checked={v.freeBits > 0} onChange={(e) => w.setValue('freeBits', e.target.checked ? FREE_BITS : 0)} /> Free bits (λ = {FREE_BITS} nats per
        dimension)
      </label>
    </fieldset>
  );

  const side = 28;
  return (
    <WidgetFrame
      widget={w}
      title="A hierarchical VAE: what each layer encodes"
      controls={['lr', 'epochs', 'latent1', 'latent2', 'trainSize']}
      extraControls={switches}
      caption={
        <>
          Two stochastic layers, z₂ on top of z₁, with top-down inference. Curves: the minibatch ELBO and each layer&apos;s KL per step, and each layer&apos;s held-out active units per epoch; bars: the
          held-out KL of each latent dimension, green when the unit is active (variance of its posterior mean over the held-out digits above
          0.01). Left grid: each row shares one z₂ ~ N(0, I) and redraws z₁ ~ p(z₁|z₂). Right grid: each row holds z₁&apos;s noise fixed
          while z₂ moves along a line between two prior draws.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>
          <MetricChart
            history={w.trainer?.history ?? []}
            series={[{ key: 'elbo', label: 'minibatch ELBO', color: OKABE_ITO.blue }]}
            xLabel="step"
            yLabel="nats"
            height={160}
            ariaLabel="Minibatch ELBO per training step"
          />
          <MetricChart
            history={w.trainer?.history ?? []}
            series={[
              { key: 'kl1', label: 'KL, layer 1 (z₁)', color: OKABE_ITO.orange },
              { key: 'kl2', label: 'KL, layer 2 (z₂)', color: OKABE_ITO.reddishPurple },
            ]}
            xLabel="step"
            yLabel="nats"
            height={160}
            ariaLabel="Each layer's KL per training step"
          />
          <MetricChart
            history={epochRows(snap?.history ?? [])}
            series={[
              { key: 'active1', label: 'active units, z₁', color: OKABE_ITO.orange },
              { key: 'active2', label: 'active units, z₂', color: OKABE_ITO.reddishPurple },
            ]}
            xLabel="epoch"
            yLabel="active units"
            height={140}
            emptyText="Updated after every epoch"
          />
        </div>
        <div>
          {snap ? (
            <>
              <BarChart bars={klBars(snap, OKABE_ITO.bluishGreen, OKABE_ITO.grey)} yLabel="held-out KL (nats)" height={150} formatValue={(x) => x.toFixed(2)} ariaLabel="Held-out KL per latent dimension of both layers; green bars are active units" />
              <p data-testid="hvae-readout" style={{ fontSize: '0.9em' }}>
                Held-out ELBO {snap.test.elbo.toFixed(1)} nats = reconstruction {snap.test.recon.toFixed(1)} − KL₁ {snap.test.kl1.toFixed(2)} − KL₂{' '}
                {snap.test.kl2.toFixed(2)} · active units {snap.test.active1} of {snap.latent1} (z₁), {snap.test.active2} of {snap.latent2} (z₂) · epoch{' '}
                {(snap.step / snap.stepsPerEpoch).toFixed(1)} of {snap.totalSteps / snap.stepsPerEpoch} · {snap.note}
              </p>
              {/* Tracks with a definite minimum: '1fr 1fr' sized each to its canvas's width (300 px before the
                  first draw), two side by side overflowed a phone's screen. */}
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 140px), 1fr))', gap: '0.6em' }}>
                <figure style={{ margin: 0, minWidth: 0, overflow: 'hidden' }}>
                  <ImageGrid images={snap.holdZ2} width={side} height={side} cols={snap.grid.holdCols} ariaLabel="Digits sharing z₂ per row, z₁ resampled" />
                  <figcaption style={{ fontSize: '0.85em' }}>hold z₂, resample z₁</figcaption>
                </figure>
                <figure style={{ margin: 0, minWidth: 0, overflow: 'hidden' }}>
                  <ImageGrid images={snap.moveZ2} width={side} height={side} cols={snap.grid.moveCols} ariaLabel="Digits with z₁'s noise held per row while z₂ moves" />
                  <figcaption style={{ fontSize: '0.85em' }}>hold z₁&apos;s noise, move z₂ →</figcaption>
                </figure>
              </div>
            </>
          ) : (
            <p>Loading the digits and the pretrained weights…</p>
          )}
        </div>
      </div>
    </WidgetFrame>
  );
}
