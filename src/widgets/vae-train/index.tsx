/**
 * vae-train (chapter 7): the VAE trained live on MNIST in the worker. Starts from the book's
 * pretrained weights; "Train from scratch" restarts from random weights. Curves of the ELBO,
 * reconstruction and KL per epoch (train and held-out), the current minibatch ELBO, held-out
 * reconstructions, samples from the prior, progress with ETA; the reader's model can be saved
 * in the browser (IndexedDB), reloaded, and downloaded.
 */
import { useEffect, useState } from 'react';
import type { Plain } from '../../core/demo';
import { deserializeWeights } from '../../core/vae/serialize';
import { vaeParams } from '../../core/vae/vaeParams';
import { downloadBlob, useWidget, WidgetFrame } from '../frame';
import { ImageGrid, MetricChart, OKABE_ITO } from '../plots';
import type { WidgetProps } from '../registry';
import { epochHistory, formatEta, pairRows, type VaeSnapshotView } from './logic';
import { loadModel, saveModel } from './savedModels';

const SAVE_KEY = 'latest';

export default function VaeTrainWidget({ id, preset }: WidgetProps) {
  const [input, setInput] = useState<Plain | undefined>(undefined);
  const w = useWidget({ id, params: vaeParams, preset, demo: 'vae', input, liveParams: ['lr', 'klWeight', 'freeBits', 'annealEpochs'] });
  const snap = w.trainer?.snapshot as VaeSnapshotView | null | undefined;
  const m = w.trainer?.metrics;
  const [weights, setWeights] = useState<Uint8Array | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (snap?.weights) setWeights(snap.weights);
  }, [snap]);

  const epoch = snap ? snap.step / snap.stepsPerEpoch : 0;
  const totalEpochs = snap ? snap.totalSteps / snap.stepsPerEpoch : w.values.epochs;
  const side = snap?.side ?? 28;

  const save = async () => {
    if (!weights) return;
    try {
      await saveModel(SAVE_KEY, weights);
      setMessage('Saved in this browser (the model as of its last completed epoch).');
    } catch (e) {
      setMessage(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const reload = async () => {
    try {
      const bytes = await loadModel(SAVE_KEY);
      if (!bytes) {
        setMessage('No saved model in this browser yet.');
        return;
      }
      const { shape } = deserializeWeights(bytes);
      w.setValue('hidden', shape.hidden);
      w.setValue('latent', shape.latent);
      w.setValue('decoder', shape.decoder);
      setInput({ weights: bytes });
      setMessage(`Reloaded your ${shape.inputDim}-${shape.hidden}-${shape.latent} model.`);
    } catch (e) {
      setMessage(`Could not reload: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <WidgetFrame
      widget={w}
      title="A VAE trained live on MNIST"
      caption={
        <>
          One step is one Adam update on a minibatch of training digits; the held-out ELBO is evaluated on the 1,000 test digits after every
          epoch. Reconstructions decode the encoder mean μ<sub>φ</sub>(x); samples decode z ~ N(0, I). Learning rate, β, annealing and free
          bits apply live; other settings restart the run.
        </>
      }
      extraControls={
        <div className="vae-train-buttons" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4em' }}>
          <button
            type="button"
            onClick={() => {
              setInput(undefined);
              w.setValue('start', 'scratch');
              setMessage('Random weights: press Play to train.');
            }}
          >
            Train from scratch
          </button>
          <button
            type="button"
            onClick={() => {
              setInput(undefined);
              w.setValue('start', 'pretrained');
              setMessage('');
            }}
          >
            Load pretrained
          </button>
          <button type="button" disabled={!weights} onClick={() => void save()}>
            Save in browser
          </button>
          <button type="button" onClick={() => void reload()}>
            Reload saved
          </button>
          <button
            type="button"
            disabled={!weights}
            onClick={() => weights && downloadBlob(new Blob([weights.slice().buffer]), `vae-784-${w.values.hidden}-${w.values.latent}.safetensors`)}
          >
            Download weights
          </button>
          {message ? (
            <p role="status" style={{ fontSize: '0.85em', margin: 0 }}>
              {message}
            </p>
          ) : null}
        </div>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>
          <MetricChart
            history={epochHistory(snap?.history ?? [])}
            series={[
              { key: 'trainElbo', label: 'train ELBO', color: OKABE_ITO.blue },
              { key: 'testElbo', label: 'held-out ELBO', color: OKABE_ITO.vermillion },
            ]}
            xLabel="epoch"
            yLabel="nats per digit"
            ariaLabel="Training and held-out ELBO per epoch"
          />
          <MetricChart
            history={epochHistory(snap?.history ?? [])}
            series={[
              { key: 'testRecon', label: 'held-out reconstruction', color: OKABE_ITO.bluishGreen },
              { key: 'testKl', label: 'held-out KL', color: OKABE_ITO.orange },
            ]}
            xLabel="epoch"
            yLabel="nats per digit"
            height={170}
            ariaLabel="Held-out reconstruction term and KL per epoch"
          />
          <MetricChart
            history={w.trainer?.history ?? []}
            series={[{ key: 'elbo', label: 'minibatch ELBO (this run)', color: OKABE_ITO.skyBlue }]}
            xLabel="step"
            yLabel="nats"
            height={150}
          />
        </div>
        <div>
          <p style={{ margin: '0 0 0.3em' }}>Held-out digits (top) and their reconstructions (bottom)</p>
          {snap ? (
            <ImageGrid images={pairRows(snap.originals, snap.reconstructions)} width={side} height={side} cols={snap.originals.length / (side * side)} ariaLabel="Ten held-out digits and their reconstructions" />
          ) : (
            <p>Loading digits and weights…</p>
          )}
          <p style={{ margin: '0.8em 0 0.3em' }}>Samples from the prior, decoded</p>
          {snap ? <ImageGrid images={snap.samples} width={side} height={side} cols={8} ariaLabel="Sixteen decoded samples from the prior" /> : null}
          <div data-testid="vae-train-readout" style={{ fontSize: '0.9em', marginTop: '0.6em' }}>
            {snap ? (
              <>
                <progress value={Math.min(epoch, totalEpochs)} max={totalEpochs} style={{ width: '100%' }} aria-label="Training progress in epochs" />
                <p style={{ margin: '0.2em 0' }}>
                  Epoch {epoch.toFixed(1)} of {totalEpochs} · ETA {m && w.trainer?.status === 'running' ? formatEta(m.etaSeconds) : '—'}
                  {m ? <> · {m.msPerStep.toFixed(0)} ms/step</> : null}
                </p>
                <p style={{ margin: '0.2em 0' }}>
                  Held-out ELBO {snap.test.elbo.toFixed(2)} = reconstruction {snap.test.recon.toFixed(2)} − KL {snap.test.kl.toFixed(2)} nats ·
                  active units {snap.activeUnits} of {snap.latent} · {snap.note}
                </p>
              </>
            ) : null}
          </div>
        </div>
      </div>
    </WidgetFrame>
  );
}
