/**
 * vae-gaps (chapter 7): for held-out digits under the pretrained 2-D VAE, the exact posterior
 * p_θ(z|x) on a grid, the encoder's q_φ(z|x) and a per-digit optimized q*, and the split of
 * log p(x) − ELBO(q_φ) into the approximation gap and the amortization gap (Cremer et al. 2018).
 */
import { gapsParams } from '../../core/vae/gapsDemo';
import { useWidget, WidgetFrame } from '../frame';
import { BarChart, ImageGrid, OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { posteriorImage, posteriorWindow, type GaussianView } from './logic';

interface GapsSnapshot {
  rows: { index: number; label: number; logPx: number; elboAmortized: number; elboOptimized: number }[];
  target: number;
  latest?: {
    index: number;
    image: Float32Array;
    box: { z1: [number, number]; z2: [number, number] };
    size: number;
    logJoint: Float32Array;
    encoderQ: GaussianView;
    optimizedQ: GaussianView;
  };
}

function ellipse(q: GaussianView, color: string, dashed: boolean) {
  return { mean: q.mu, cov: [Math.exp(q.logvar[0]), 0, 0, Math.exp(q.logvar[1])], nSigma: [1, 2], color, lineWidth: 2, dashed };
}

export default function VaeGapsWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: gapsParams, preset, demo: 'vae-gaps' });
  const snap = w.trainer?.snapshot as GapsSnapshot | null | undefined;
  const m = w.trainer?.metrics;
  const latest = snap?.latest;

  let figure = <p>Press Play: each step takes one held-out digit through the grid, the encoder and per-digit SVI.</p>;
  if (latest) {
    const { z1, z2 } = latest.box;
    const h1 = (z1[1] - z1[0]) / latest.size;
    const h2 = (z2[1] - z2[0]) / latest.size;
    const density = posteriorImage(latest.logJoint);
    const view = posteriorWindow(density, latest.size, latest.box, [latest.encoderQ, latest.optimizedQ]);
    figure = (
      <ScatterPlot
        xDomain={view.x}
        yDomain={view.y}
        equalAspect
        grids={[
          {
            values: density,
            nx: latest.size,
            ny: latest.size,
            extent: { x: [z1[0] + h1 / 2, z1[1] - h1 / 2], y: [z2[0] + h2 / 2, z2[1] - h2 / 2] },
            image: true,
            colormap: 'blues',
            levels: [Math.exp(-4.5), Math.exp(-2), Math.exp(-0.5)],
            contourColor: OKABE_ITO.blue,
          },
        ]}
        ellipses={[ellipse(latest.encoderQ, OKABE_ITO.vermillion, true), ellipse(latest.optimizedQ, OKABE_ITO.bluishGreen, false)]}
        xLabel="z₁"
        yLabel="z₂"
        ariaLabel="Exact posterior of the latest digit on the grid, with the encoder's q (dashed) and the optimized q* (solid) as 1σ and 2σ ellipses"
      />
    );
  }

  const last = snap?.rows[snap.rows.length - 1];
  return (
    <WidgetFrame
      widget={w}
      title="Approximation and amortization gaps"
      caption={
        <>
          Shaded: the exact posterior p<sub>θ</sub>(z|x) of the latest digit, from log p<sub>θ</sub>(x, z) on a fine grid. Dashed ellipses: the
          encoder&apos;s q<sub>φ</sub>(z|x). Solid: q* from per-digit SVI started at q<sub>φ</sub>. Bars: gaps averaged over the digits so far.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          {latest ? <ImageGrid images={latest.image} width={28} height={28} cols={1} scale={3} ariaLabel="The latest held-out digit" /> : null}
          {last ? (
            <p data-testid="vae-gaps-readout" style={{ fontSize: '0.9em' }}>
              Digit {last.index + 1} (a {last.label}): log p(x) = {last.logPx.toFixed(2)}, ELBO(q*) = {last.elboOptimized.toFixed(2)}, ELBO(q
              <sub>φ</sub>) = {last.elboAmortized.toFixed(2)} nats.
            </p>
          ) : null}
          {m && m.digits > 0 ? (
            <>
              <BarChart
                bars={[
                  { label: 'approximation gap', value: m.approximationGap, color: OKABE_ITO.bluishGreen },
                  { label: 'amortization gap', value: m.amortizationGap, color: OKABE_ITO.vermillion },
                ]}
                yLabel="nats per digit"
                showValues
                formatValue={(v) => v.toFixed(2)}
                ariaLabel="Mean approximation and amortization gaps"
              />
              <p style={{ fontSize: '0.9em' }}>
                Over {m.digits} digits: mean log p(x) = {m.logPx.toFixed(2)} nats.
              </p>
            </>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
