/**
 * ddm-latent (chapters 7 and 8): latent diffusion in the worker ('ddm-latent' demo). Three grids
 * decoded by the same VAE decoder: reconstructions of training digits (z = μ_φ(x)), the VAE's own
 * prior samples (z ~ N(0, I)) and latent-diffusion samples (z from the reverse chain of a
 * diffusion model of the codes). It opens on the shipped weights; "Train from scratch" trains a
 * fresh model of the codes live, in seconds.
 */
import { ddmLatentParams, LATENT_SHOWN, type DdmLatentSnapshot } from '../../core/diffusion/latentDemo';
import { useWidget, WidgetFrame } from '../frame';
import { ImageGrid, MetricChart, OKABE_ITO } from '../plots';
import type { WidgetProps } from '../registry';

const SIDE = 28;

function Grid({ title, images, label, testId }: { title: string; images: Float32Array; label: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <p style={{ margin: '0 0 0.3em' }}>{title}</p>
      <ImageGrid images={images} width={SIDE} height={SIDE} cols={8} ariaLabel={label} />
    </div>
  );
}

export default function DdmLatentWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: ddmLatentParams, preset, demo: 'ddm-latent', liveParams: ['lr', 'variance'] });
  const snap = w.trainer?.snapshot as DdmLatentSnapshot | null | undefined;
  return (
    <WidgetFrame
      widget={w}
      title="Latent diffusion: a learned prior for the VAE"
      caption={
        <>
          All three rows are decoded by chapter 7&rsquo;s VAE decoder (its mean image). Top: reconstructions of training digits, z = μ<sub>φ</sub>(x).
          Middle: the VAE&rsquo;s samples, z ~ N(0, I). Bottom: latent diffusion, z drawn by the reverse chain of a diffusion model fitted to the codes
          μ<sub>φ</sub>(x<sub>i</sub>) of the training digits. {w.values.pretrained ? 'Shipped weights' : 'Random weights'}; Play trains the code model
          (one step is one Adam update on a minibatch of codes).
        </>
      }
      controls={['variance', 'lr', 'batch', 'T', 'schedule', 'width', 'steps']}
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
      {snap ? (
        <div style={{ display: 'grid', gap: '0.8em' }}>
          <p style={{ margin: 0 }} data-testid="ddm-latent-status" data-step={snap.step} data-pretrained-steps={snap.pretrainedSteps}>
            Code model: {snap.pretrainedSteps > 0 ? `shipped weights (${snap.pretrainedSteps} steps) + ` : ''}
            {snap.step} steps in this run · T = {snap.T}
          </p>
          <Grid title="Reconstructions (z = μ_φ(x))" images={snap.reconstructions} testId="ddm-latent-recon" label={`${LATENT_SHOWN} reconstructions of training digits`} />
          <Grid title="VAE prior samples (z ~ N(0, I))" images={snap.prior} testId="ddm-latent-prior" label={`${LATENT_SHOWN} digits decoded from the VAE's prior`} />
          <Grid title="Latent diffusion samples" images={snap.samples} testId="ddm-latent-samples" label={`${LATENT_SHOWN} digits decoded from latent-diffusion samples`} />
        </div>
      ) : (
        <p>Loading the VAE, the codes of the training digits and the model…</p>
      )}
      <MetricChart
        history={w.trainer?.history ?? []}
        series={[{ key: 'loss', label: 'simplified loss (minibatch)', color: OKABE_ITO.blue }]}
        xLabel="step"
        yLabel="‖ε − ε_θ‖² / L"
        height={140}
      />
    </WidgetFrame>
  );
}
