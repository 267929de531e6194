/**
 * ddm-forward (chapter 8): the fixed forward process. 2-D points and an MNIST digit noised by the
 * closed-form marginal q(x_t | x_0) (one fixed ε per point, so the slider moves one consistent
 * draw), the N(0, I) target drawn as 1σ and 2σ circles, and the schedules compared by log SNR(t).
 * Plain main-thread computation; no training.
 */
import { useEffect, useMemo, useState } from 'react';
import { DATASET_LABELS, makeDataset } from '../../core/data/toy2d';
import { decodeMnist, MNIST_ASSET_PATH, mnistSplit } from '../../core/data/mnist';
import { toIntensities } from '../../core/diffusion/digits';
import { makeSchedule } from '../../core/diffusion/schedule';
import { createRng, normals } from '../../core/random';
import { useWidget, WidgetFrame } from '../frame';
import { ImageGrid, MetricChart, OKABE_ITO, ScatterPlot, splitXY } from '../plots';
import type { WidgetProps } from '../registry';
import { forwardParams, noisedAt, snrHistory } from './logic';


const POINTS = 600;
const DOMAIN: [number, number] = [-3.5, 3.5];
const STRIP = 6;

/** The first test digit of the book's split, as x_0 ∈ [−1, 1]^784; null until loaded. */
function useDigit(): Float32Array | null {
  const [digit, setDigit] = useState<Float32Array | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`${import.meta.env.BASE_URL}${MNIST_ASSET_PATH}`)
      .then((r) => r.arrayBuffer())
      .then(decodeMnist)
      .then((data) => {
        const row = mnistSplit(data.count).test[0];
        const x = Float32Array.from(data.pixels.subarray(row * 784, (row + 1) * 784), (b) => (2 * b) / 255 - 1);
        if (live) setDigit(x);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return digit;
}

export default function DdmForwardWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: forwardParams, preset });
  const { dataset, schedule, T } = w.values;
  const t = Math.min(w.values.t, T);
  const sched = useMemo(() => makeSchedule(schedule, T), [schedule, T]);
  const { x0, eps, digitEps } = useMemo(() => {
    const rng = createRng(w.seed);
    return { x0: makeDataset(dataset, POINTS, rng), eps: normals(rng, 2 * POINTS), digitEps: normals(rng, 784) };
  }, [dataset, w.seed]);
  const digit = useDigit();
  const history = useMemo(() => snrHistory(T), [T]);

  const xt = splitXY(noisedAt(x0, eps, sched.alphaBar[t]));
  const stripTs = Array.from({ length: STRIP }, (_, k) => Math.round((T * k) / (STRIP - 1)));
  const images = digit ? new Float32Array((STRIP + 1) * 784) : null;
  if (digit && images) {
    images.set(toIntensities(noisedAt(digit, digitEps, sched.alphaBar[t])), 0);
    stripTs.forEach((s, k) => images.set(toIntensities(noisedAt(digit, digitEps, sched.alphaBar[s])), (k + 1) * 784));
  }

  return (
    <WidgetFrame
      widget={w}
      title="The forward process: noising by a fixed chain"
      caption={
        <>
          Each point is x<sub>t</sub> = √ᾱ<sub>t</sub> x<sub>0</sub> + √(1−ᾱ<sub>t</sub>) ε with its own fixed ε. Circles: 1σ and 2σ of N(0, I), where
          every point ends up. Right: log SNR(t) = log(ᾱ<sub>t</sub>/(1−ᾱ<sub>t</sub>)) for both schedules at this T.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>
          <ScatterPlot
            xDomain={DOMAIN}
            yDomain={DOMAIN}
            equalAspect
            points={{ x: xt.x, y: xt.y, color: OKABE_ITO.blue, alpha: 0.6, size: 2.5, label: `x_t, t = ${t}` }}
            ellipses={[{ mean: [0, 0], cov: [1, 0, 0, 1], nSigma: [1, 2], color: OKABE_ITO.vermillion, dashed: true, showMean: false }]}
            xLabel="x₁"
            yLabel="x₂"
            ariaLabel={`${POINTS} points of ${DATASET_LABELS[dataset]} noised to t = ${t} of ${T}, with the N(0, I) circles`}
          />
          <p style={{ fontSize: '0.9em' }} data-testid="ddm-forward-readout">
            t = {t}: √ᾱ<sub>t</sub> = {Math.sqrt(sched.alphaBar[t]).toFixed(3)}, noise sd √(1−ᾱ<sub>t</sub>) = {Math.sqrt(1 - sched.alphaBar[t]).toFixed(3)}
            {t > 0 ? <>, β<sub>t</sub> = {sched.beta[t].toFixed(4)}</> : null}
          </p>
        </div>
        <div>
          <MetricChart
            history={history}
            series={[
              { key: 'linear', label: 'linear', color: OKABE_ITO.blue },
              { key: 'cosine', label: 'cosine', color: OKABE_ITO.orange },
            ]}
            reference={{ y: 0, label: 'SNR = 1' }}
            xLabel="t"
            yLabel="log SNR(t)"
            height={200}
            ariaLabel="log signal-to-noise ratio against t for the linear and cosine schedules"
          />
          {images ? (
            <ImageGrid
              images={images}
              width={28}
              height={28}
              cols={STRIP + 1}
              labels={[`t = ${t}`, ...stripTs.map((s) => `${s}`)]}
              ariaLabel={`A digit noised to t = ${t}, then at t = ${stripTs.join(', ')}`}
            />
          ) : (
            <p>Loading a digit…</p>
          )}
        </div>
      </div>
    </WidgetFrame>
  );
}
