/**
 * vae-iwae (chapter 7): the importance-weighted bounds L_K (Burda et al. 2016) of the pretrained
 * VAE on held-out digits, K = 1 … 500, accumulated a few digits per step in the worker. Bars
 * are ±2 standard errors of L_K − L_1 (paired per digit, so digit-to-digit spread cancels).
 */
import { iwaeParams } from '../../core/vae/iwaeDemo';
import { useWidget, WidgetFrame } from '../frame';
import { OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';

interface IwaeSnapshot {
  ks: Float64Array;
  mean: Float64Array;
  se: Float64Array;
  gain: Float64Array;
  gainSe: Float64Array;
  digits: number;
  target: number;
}

export default function VaeIwaeWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: iwaeParams, preset, demo: 'vae-iwae' });
  const snap = w.trainer?.snapshot as IwaeSnapshot | null | undefined;

  let figure = <p>Press Play to start drawing importance samples for held-out digits.</p>;
  if (snap && snap.digits > 0) {
    const lx = Array.from(snap.ks, (k) => Math.log10(k));
    const lo = Math.min(...Array.from(snap.mean, (m, j) => m - 2 * snap.gainSe[j]));
    const hi = Math.max(...Array.from(snap.mean, (m, j) => m + 2 * snap.gainSe[j]));
    const pad = Math.max(0.2, 0.08 * (hi - lo));
    const bars = lx.map((x, j) => ({
      x: [x, x],
      y: [snap.mean[j] - 2 * snap.gainSe[j], snap.mean[j] + 2 * snap.gainSe[j]],
      color: OKABE_ITO.blue,
      width: 1.5,
    }));
    figure = (
      <ScatterPlot
        xDomain={[-0.1, Math.log10(500) + 0.1]}
        yDomain={[lo - pad, hi + pad]}
        aspect={0.7}
        points={[{ x: lx, y: snap.mean, color: OKABE_ITO.blue, size: 4, label: 'L_K' }]}
        paths={[
          { x: lx, y: snap.mean, color: OKABE_ITO.blue, width: 2 },
          { x: [-0.1, Math.log10(500) + 0.1], y: [snap.mean[0], snap.mean[0]], color: OKABE_ITO.vermillion, dashed: true, width: 1.5 },
          ...bars,
        ]}
        xLabel="log₁₀ K"
        yLabel="mean bound (nats per digit)"
        ariaLabel={`Importance-weighted bounds L_K against log K for ${snap.digits} held-out digits; the dashed line is the ELBO L_1`}
      />
    );
  }

  return (
    <WidgetFrame
      widget={w}
      title="Tighter bounds with importance weighting"
      caption={
        <>
          Each step draws 500 codes from q<sub>φ</sub>(z|x) for the next 8 held-out digits; L<sub>K</sub> averages the bound over the disjoint groups
          of K draws. The dashed line is the ELBO (K = 1). Every point is a lower bound on the same model&apos;s held-out log-likelihood.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          {snap && snap.digits > 0 ? (
            <table data-testid="vae-iwae-table" style={{ fontSize: '0.9em' }}>
              <caption style={{ textAlign: 'left' }}>
                {snap.digits} of {snap.target} held-out digits
              </caption>
              <thead>
                <tr>
                  <th scope="col">K</th>
                  <th scope="col">
                    L<sub>K</sub>
                  </th>
                  <th scope="col">
                    L<sub>K</sub> − L<sub>1</sub> (± 2 SE)
                  </th>
                </tr>
              </thead>
              <tbody>
                {Array.from(snap.ks, (k, j) => (
                  <tr key={k}>
                    <td>{k}</td>
                    <td>{snap.mean[j].toFixed(2)}</td>
                    <td>
                      {snap.gain[j].toFixed(2)} ± {(2 * snap.gainSe[j]).toFixed(2)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
