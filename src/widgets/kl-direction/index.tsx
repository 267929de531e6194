/**
 * kl-direction (chapter 4): one Gaussian fitted to a two-mode target in each KL direction.
 * KL(p ‖ q) by moment matching (closed form), KL(q ‖ p) by deterministic reparameterized gradient
 * descent with Gauss–Hermite expectations, from several starts. Computed on the main thread
 * (tens of milliseconds); no training run.
 */
import { useMemo } from 'react';
import { useWidget, WidgetFrame } from '../frame';
import { OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { klDirectionParams as params, klDirectionView, mixtureGrid } from './logic';


const HALF = 6;
const N = 90;

export default function KlDirectionWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params, preset });
  const { separation, angle } = w.values;
  const view = useMemo(() => klDirectionView(separation, angle), [separation, angle]);
  const grid = useMemo(() => mixtureGrid(view.target, HALF, N), [view]);
  const max = grid.reduce((a, b) => Math.max(a, b), 0);
  const ell = (g: { mean: [number, number]; cov: [number, number, number] }, color: string, dashed = false) => ({
    mean: g.mean,
    cov: [g.cov[0], g.cov[1], g.cov[1], g.cov[2]],
    nSigma: [1, 2],
    color,
    lineWidth: 2.5,
    dashed,
  });
  const f = (v: number) => (v > 99 ? v.toFixed(0) : v.toFixed(3));
  return (
    <WidgetFrame
      widget={w}
      title="Two directions of KL"
      caption={
        <>
          Grey contours: the target p, a mixture of two Gaussians. Red: the Gaussian minimizing KL(q ‖ p), the direction VI uses (mode-seeking).
          Blue, dashed: the Gaussian minimizing KL(p ‖ q), which matches p&apos;s mean and covariance (mass-covering).
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <ScatterPlot
          xDomain={[-HALF, HALF]}
          yDomain={[-HALF, HALF]}
          equalAspect
          grids={[{ values: grid, nx: N, ny: N, extent: { x: [-HALF, HALF], y: [-HALF, HALF] }, image: true, colormap: 'viridis', imageAlpha: 0.3, levels: [0.05, 0.2, 0.5, 0.8].map((t) => t * max), contourColor: OKABE_ITO.grey }]}
          ellipses={[ell(view.modeSeeking, OKABE_ITO.vermillion), ell(view.massCovering, OKABE_ITO.blue, true)]}
          xLabel="z₁"
          yLabel="z₂"
          ariaLabel="A two-mode target with its mode-seeking and mass-covering Gaussian fits"
        />
        <table data-testid="kl-direction-table" style={{ fontSize: '0.9em' }}>
          <thead>
            <tr>
              <th scope="col">fit</th>
              <th scope="col">KL(q ‖ p)</th>
              <th scope="col">KL(p ‖ q)</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" style={{ borderLeft: `4px solid ${OKABE_ITO.vermillion}`, paddingLeft: '0.4em' }}>argmin KL(q ‖ p)</th>
              <td>{f(view.scores.modeSeeking.reverse)}</td>
              <td>{f(view.scores.modeSeeking.forward)}</td>
            </tr>
            <tr>
              <th scope="row" style={{ borderLeft: `4px solid ${OKABE_ITO.blue}`, paddingLeft: '0.4em' }}>moment matching</th>
              <td>{f(view.scores.massCovering.reverse)}</td>
              <td>{f(view.scores.massCovering.forward)}</td>
            </tr>
            <tr>
              <td colSpan={3}>log 2 = {Math.LN2.toFixed(3)}: KL(q ‖ p) of a q equal to one component when the modes are far apart.</td>
            </tr>
          </tbody>
        </table>
      </div>
    </WidgetFrame>
  );
}
