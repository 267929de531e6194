/**
 * cavi-gaussian (chapter 4): mean-field CAVI on a correlated bivariate Gaussian. The staircase of
 * coordinate updates is drawn on the target's contours, with the target's ellipse and the
 * mean-field ellipse (axis-aligned, variances 1/Λ_jj) and the variance ratio 1 − ρ².
 */
import { useMemo } from 'react';
import type { CaviGaussianSnapshot } from '../../core/vi/cavi/gaussianDemo';
import { caviGaussianParams } from '../../core/vi/cavi/gaussianDemo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { densityGrid } from './grid';

export default function CaviGaussianWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: caviGaussianParams, preset, demo: 'cavi-gaussian', initialSpeed: 5 });
  const snap = w.trainer?.snapshot as CaviGaussianSnapshot | null | undefined;
  const half = 3.5 * Math.max(1, w.values.sd2);

  const grid = useMemo(() => (snap ? densityGrid(snap.mean, snap.cov, half, 80) : null), [snap, half]);
  const figure =
    snap && grid ? (
      <ScatterPlot
        xDomain={[-half, half]}
        yDomain={[-half, half]}
        equalAspect
        grids={[{ ...grid, image: true, colormap: 'viridis', imageAlpha: 0.35, levels: grid.levels, contourColor: OKABE_ITO.grey }]}
        ellipses={[
          { mean: snap.mean, cov: [snap.cov[0], snap.cov[1], snap.cov[1], snap.cov[2]], nSigma: [2], color: OKABE_ITO.black, lineWidth: 1.5, showMean: false },
          { mean: snap.m, cov: [snap.v[0], 0, 0, snap.v[1]], nSigma: [2], color: OKABE_ITO.vermillion, lineWidth: 2.5 },
        ]}
        paths={[{ x: everyOther(snap.path, 0), y: everyOther(snap.path, 1), color: OKABE_ITO.orange, width: 2, markers: true }]}
        xLabel="z₁"
        yLabel="z₂"
        ariaLabel="Contours of the target, the CAVI staircase path and the mean-field ellipse"
      />
    ) : (
      <p>Preparing…</p>
    );

  return (
    <WidgetFrame
      widget={w}
      title="CAVI on a correlated Gaussian"
      caption={
        <>
          Each step updates one factor: the mean moves parallel to an axis to the conditional mean (orange staircase). Black: the target&apos;s
          2-sd ellipse; red: the mean-field q&apos;s, which cannot tilt and is narrower.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          <MetricChart history={w.trainer?.history ?? []} series={[{ key: 'kl', label: 'KL(q ‖ p) = −ELBO', color: OKABE_ITO.blue }]} logY xLabel="coordinate update" />
          {snap ? (
            <p data-testid="cavi-gaussian-readout" style={{ fontSize: '0.9em' }}>
              Var<sub>q</sub>(z<sub>j</sub>) / Var<sub>p</sub>(z<sub>j</sub>) = 1 − ρ² = {snap.varianceRatio.toFixed(3)} · mean m = ({snap.m[0].toFixed(3)}, {snap.m[1].toFixed(3)})
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}

function everyOther(a: Float64Array, offset: number): Float64Array {
  const out = new Float64Array(a.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = a[2 * i + offset];
  return out;
}
