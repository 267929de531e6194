/**
 * ddm-digits (chapter 8): the pixel-space diffusion models of digits in the worker ('ddm-digits'
 * demo): the 28×28 U-Net (the default, sampled by DDIM on 25 steps: seconds, where its ancestral
 * chain takes a minute), the 28×28 residual MLP or the 14×14 MLP. It starts from the shipped weights, so
 * samples appear at once; "Train from scratch" restarts from random weights and Play trains live.
 * Beside the samples, their reverse chains at a few timesteps from noise (t = T) to data (t = 0).
 */
import { ddmDigitsParams } from '../../core/diffusion/ddmDigitsDemo';
import type { DigitModel } from '../../core/diffusion/digitModels';
import { useWidget, WidgetFrame } from '../frame';
import { ImageGrid, MetricChart, OKABE_ITO } from '../plots';
import type { WidgetProps } from '../registry';

interface DigitsSnapshot {
  /** side of the square images */
  side: number;
  model: DigitModel;
  step: number;
  pretrainedSteps: number;
  T: number;
  sampler: 'ancestral' | 'ddim';
  eta: number;
  /** network calls per sample */
  calls: number;
  samples: Float32Array;
  chain: Float32Array;
  chainT: Int32Array;
}

const SHOWN = 16;

/** What ε_θ is, per model, for the caption. */
const NETWORK: Record<DigitModel, { name: string; caption: string }> = {
  unet: { name: 'U-Net', caption: 'a convolutional U-Net on 28×28 pixels (28, 14 and 7 pixels wide levels, t entering every block)' },
  '28': { name: 'residual MLP', caption: 'the exact predictor of a Gaussian fitted to the training digits + a correction by a residual MLP on 28×28 pixels' },
  '14': { name: 'MLP', caption: 'the exact predictor of a Gaussian fitted to the training digits + a correction by an MLP on 14×14 pixels' },
};

export default function DdmDigitsWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: ddmDigitsParams, preset, demo: 'ddm-digits', liveParams: ['lr', 'variance', 'sampler', 'eta', 'ddimSteps'] });
  const ddim = w.values.sampler === 'ddim';
  const snap = w.trainer?.snapshot as DigitsSnapshot | null | undefined;
  const frames = snap ? snap.chainT.length : 0;
  // chain is [frame][sample][pixel]; show the first 8 samples' chains, one row per sample
  const chainRows = (() => {
    if (!snap) return null;
    const shownChains = 8;
    const d = snap.side * snap.side;
    const out = new Float32Array(shownChains * frames * d);
    for (let s = 0; s < shownChains; s++)
      for (let f = 0; f < frames; f++) out.set(snap.chain.subarray((f * SHOWN + s) * d, (f * SHOWN + s + 1) * d), (s * frames + f) * d);
    return out;
  })();

  return (
    <WidgetFrame
      widget={w}
      title="A diffusion model of digits"
      caption={
        <>
          {ddim ? (
            <>
              Samples by DDIM from x<sub>T</sub> ~ N(0, I): k of the T steps, noise σ<sub>t</sub>² = η² β̃<sub>t</sub> (η = 0: a deterministic map from x<sub>T</sub>; η = 1 on all T steps: the
              ancestral sampler with σ<sub>t</sub>² = β̃<sub>t</sub>).
            </>
          ) : (
            <>Samples by ancestral sampling from x<sub>T</sub> ~ N(0, I).</>
          )}{' '}
          The network ε<sub>θ</sub>(x, t) is {NETWORK[w.values.model].caption}. {w.values.pretrained ? 'Shipped weights' : 'Random weights'}; Play trains further (one step is one
          Adam update on a minibatch of training digits).
        </>
      }
      controls={['model', 'sampler', ...(ddim ? (['eta', 'ddimSteps'] as const) : (['variance'] as const)), 'lr', 'batch', 'T', 'schedule', ...(w.values.model === 'unet' ? [] : (['width'] as const))]}
      extraControls={
        <div className="widget-extra-controls" style={{ display: 'flex', gap: '0.5em', flexWrap: 'wrap' }}>
          <button type="button" disabled={!snap} onClick={() => w.trainer?.requestSnapshot()}>
            New samples
          </button>
          <button type="button" onClick={() => w.setValue('pretrained', !w.values.pretrained)}>
            {w.values.pretrained ? 'Train from scratch' : 'Back to the shipped weights'}
          </button>
        </div>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>
          {snap ? (
            <>
              <p style={{ margin: '0 0 0.3em' }} data-testid="ddm-digits-status">
                {SHOWN} samples · {snap.pretrainedSteps > 0 ? `shipped weights (${snap.pretrainedSteps} steps) + ` : ''}
                {snap.step} steps in this run · T = {snap.T} · {snap.side}×{snap.side} {NETWORK[snap.model].name} ·{' '}
                {snap.sampler === 'ddim' ? `DDIM, η = ${snap.eta}, ${snap.calls} network calls` : `ancestral, ${snap.calls} network calls`}
              </p>
              <ImageGrid images={snap.samples} width={snap.side} height={snap.side} cols={8} ariaLabel={`${SHOWN} digits sampled from the diffusion model`} />
            </>
          ) : (
            <p>Loading the digits and the model…</p>
          )}
          <MetricChart
            history={w.trainer?.history ?? []}
            series={[{ key: 'loss', label: 'simplified loss (minibatch)', color: OKABE_ITO.blue }]}
            xLabel="step"
            yLabel="‖ε − ε_θ‖² / d"
            height={150}
          />
        </div>
        <div>
          {snap && chainRows ? (
            <>
              <p style={{ margin: '0 0 0.3em' }}>Reverse chains, left to right: t = {Array.from(snap.chainT).join(', ')}</p>
              <ImageGrid
                images={chainRows}
                width={snap.side}
                height={snap.side}
                cols={frames}
                ariaLabel={`Eight reverse chains shown at t = ${Array.from(snap.chainT).join(', ')}`}
              />
            </>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
