/**
 * vae-latent (chapter 7): the 2-D code of the pretrained 784-400-2 VAE. Held-out digits are
 * placed at their encoder means μ_φ(x), coloured by label; the probe decodes any point as it is
 * dragged (in the page, with the decoder weights from the worker); clicking two digits decodes
 * the straight line between their codes; the decoded manifold tiles [−3, 3]².
 */
import { useEffect, useMemo, useState } from 'react';
import { decodeMeanImage, type DecoderWeights } from '../../core/vae/decodeJs';
import { vaeParams } from '../../core/vae/vaeParams';
import { useWidget, WidgetFrame } from '../frame';
import { ImageGrid, OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import type { VaeSnapshotView } from '../vae-train/logic';
import { DEFAULT_PROBE, DIGIT_COLORS, LATENT_PRESET, labelColors, nearestIndex, segment } from './logic';

const DOMAIN: [number, number] = [-4, 4];
const INTERPOLATION_STEPS = 10;

export default function VaeLatentWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: vaeParams, preset: { ...LATENT_PRESET, ...preset }, demo: 'vae', liveParams: ['lr', 'klWeight'] });
  const snap = w.trainer?.snapshot as VaeSnapshotView | null | undefined;
  const [decoder, setDecoder] = useState<DecoderWeights | null>(null);
  const [probe, setProbe] = useState<[number, number]>(DEFAULT_PROBE);
  const [picks, setPicks] = useState<number[]>([]);
  useEffect(() => {
    if (snap?.decoder) setDecoder(snap.decoder);
  }, [snap]);

  const side = snap?.side ?? 28;
  const probeImage = useMemo(() => (decoder ? decodeMeanImage(decoder, probe) : null), [decoder, probe]);
  const means = snap?.means;
  const ends = means && picks.length === 2 ? picks.map((i) => [means[2 * i], means[2 * i + 1]] as [number, number]) : null;
  const path = ends ? segment(ends[0], ends[1], INTERPOLATION_STEPS) : null;
  const strip = useMemo(() => {
    if (!decoder || !path) return null;
    const D = decoder.inputDim;
    const out = new Float32Array(INTERPOLATION_STEPS * D);
    for (let k = 0; k < INTERPOLATION_STEPS; k++) out.set(decodeMeanImage(decoder, [path[2 * k], path[2 * k + 1]]), k * D);
    return out;
  }, [decoder, path]);

  let figure = <p>Loading the 2-D model…</p>;
  if (snap && means && snap.labels) {
    const xs = means.filter((_, j) => j % 2 === 0);
    const ys = means.filter((_, j) => j % 2 === 1);
    figure = (
      <ScatterPlot
        xDomain={DOMAIN}
        yDomain={DOMAIN}
        equalAspect
        points={[{ x: xs, y: ys, rgb: labelColors(snap.labels), size: 2.5, alpha: 0.75, label: 'held-out digits' }]}
        paths={path ? [{ x: path.filter((_, j) => j % 2 === 0), y: path.filter((_, j) => j % 2 === 1), color: OKABE_ITO.black, width: 2, markers: true }] : []}
        handles={[{ x: probe[0], y: probe[1], color: OKABE_ITO.vermillion, label: 'probe' }]}
        onDrag={(_, p) => setProbe([p.x, p.y])}
        onClick={(p) => {
          if (!means) return;
          const i = nearestIndex(means, p.x, p.y);
          setPicks((old) => (old.length >= 2 ? [i] : [...old, i]));
        }}
        xLabel="z₁"
        yLabel="z₂"
        ariaLabel={`Encoder means of ${xs.length} held-out digits in the 2-D latent space, coloured by digit label, with a draggable probe`}
      />
    );
  }

  return (
    <WidgetFrame
      widget={w}
      title="The 2-D latent space"
      controls={['start', 'epochs', 'lr', 'klWeight']}
      caption={
        <>
          Each dot is a held-out digit at its code μ<sub>φ</sub>(x), coloured by its label (never seen in training). Drag the probe to decode a point;
          click two dots to decode the line between their codes. Press Play to keep training (the map and images follow).
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>
          {figure}
          <p style={{ fontSize: '0.85em' }}>
            {DIGIT_COLORS.map((c, d) => (
              <span key={d} style={{ marginRight: '0.6em', whiteSpace: 'nowrap' }}>
                <span aria-hidden style={{ display: 'inline-block', width: '0.8em', height: '0.8em', background: c, borderRadius: '50%', marginRight: '0.2em' }} />
                {d}
              </span>
            ))}
          </p>
        </div>
        <div>
          <p style={{ margin: '0 0 0.3em' }}>
            Probe at z = ({probe[0].toFixed(2)}, {probe[1].toFixed(2)})
          </p>
          {probeImage ? <ImageGrid images={probeImage} width={side} height={side} cols={1} scale={4} ariaLabel="Decoded image at the probe" /> : null}
          <p style={{ margin: '0.8em 0 0.3em' }}>
            {strip && picks.length === 2 && snap?.labels
              ? `From a ${snap.labels[picks[0]]} to a ${snap.labels[picks[1]]}, decoded along the straight line`
              : picks.length === 1
                ? 'Now click a second digit'
                : 'Click two digits to interpolate between them'}
          </p>
          {strip ? <ImageGrid images={strip} width={side} height={side} cols={INTERPOLATION_STEPS} ariaLabel="Decoded interpolation between two codes" /> : null}
          <p style={{ margin: '0.8em 0 0.3em' }}>Decoded manifold over [−3, 3]² (top row z₂ = 3)</p>
          {snap?.manifold && snap.manifoldSize ? (
            <ImageGrid images={snap.manifold} width={side} height={side} cols={snap.manifoldSize} ariaLabel="Decoder means on a 15 by 15 grid of latent points" />
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
