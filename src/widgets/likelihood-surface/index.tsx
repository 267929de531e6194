/**
 * likelihood-surface (chapter 1): the log-likelihood of the two-means mixture
 * ½N(μ₁, 1) + ½N(μ₂, 1) over (μ₁, μ₂), as a heatmap with contours, the two label-switched MLEs
 * marked, and EM's path from a start the reader clicks (or drags).
 */
import { useMemo } from 'react';
import { mixture1dDemoData, mixture1dParams, type Mixture1dSnapshot } from '../../core/em/mixture1dDemo';
import { useWidget, WidgetFrame } from '../frame';
import { OKABE_ITO, ScatterPlot } from '../plots';
import type { WidgetProps } from '../registry';
import { SURFACE_EXTENT, surfaceView } from './logic';

const round2 = (v: number) => Math.round(v * 20) / 20;

export default function LikelihoodSurfaceWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: mixture1dParams, preset, demo: 'mixture-1d', initialSpeed: 5 });
  const { n, separation, start1, start2 } = w.values;
  const view = useMemo(() => surfaceView(mixture1dDemoData(n, separation, w.seed)), [n, separation, w.seed]);
  const snap = w.trainer?.snapshot as Mixture1dSnapshot | null | undefined;
  const path = snap?.path;
  const pathX = path ? path.filter((_, i) => i % 2 === 0) : [start1];
  const pathY = path ? path.filter((_, i) => i % 2 === 1) : [start2];
  const end = [pathX[pathX.length - 1], pathY[pathY.length - 1]];
  const setStart = (p: { x: number; y: number }) => {
    w.setValue('start1', round2(p.x));
    w.setValue('start2', round2(p.y));
  };

  return (
    <WidgetFrame
      widget={w}
      title="The log-likelihood surface of a two-means mixture"
      controls={['separation', 'n', 'start1', 'start2']}
      caption={
        <>
          Heatmap and contours: ℓ(μ₁, μ₂)/n (contours 0.01, 0.03, 0.1, 0.2, 0.4, 0.7 and 1 nat per point below the maximum). Black dots:
          the two maximum-likelihood points, mirror images across the dashed diagonal μ₁ = μ₂. Click or drag the white handle to choose
          where EM starts; play draws its path.
        </>
      }
    >
      <ScatterPlot
        xDomain={SURFACE_EXTENT}
        yDomain={SURFACE_EXTENT}
        equalAspect
        grids={[
          {
            values: view.values,
            nx: view.size,
            ny: view.size,
            extent: { x: SURFACE_EXTENT, y: SURFACE_EXTENT },
            image: true,
            colormap: 'viridis',
            range: view.range,
            levels: view.levels,
            contourColor: 'rgba(255,255,255,0.55)',
          },
        ]}
        paths={[
          { x: [SURFACE_EXTENT[0], SURFACE_EXTENT[1]], y: [SURFACE_EXTENT[0], SURFACE_EXTENT[1]], color: OKABE_ITO.grey, dashed: true, width: 1 },
          { x: pathX, y: pathY, color: OKABE_ITO.vermillion, width: 2, markers: true },
        ]}
        points={[
          { x: [view.mle[0][0], view.mle[1][0]], y: [view.mle[0][1], view.mle[1][1]], color: OKABE_ITO.black, size: 7, label: 'MLE (both labellings)' },
        ]}
        handles={[{ x: start1, y: start2, color: '#ffffff', label: 'EM start' }]}
        onClick={setStart}
        onDrag={(_, p) => setStart(p)}
        xLabel="μ₁"
        yLabel="μ₂"
        ariaLabel="Heatmap of the two-means log-likelihood with its two maxima marked and the EM path from the chosen start"
      />
      <p data-testid="likelihood-surface-readout" style={{ fontSize: '0.9em' }}>
        MLE: (μ̂₁, μ̂₂) = ({view.mle[0][0].toFixed(2)}, {view.mle[0][1].toFixed(2)}) and ({view.mle[1][0].toFixed(2)}, {view.mle[1][1].toFixed(2)}), ℓ/n ={' '}
        {view.mleLogLik.toFixed(3)}.{' '}
        {snap ? (
          <>
            EM after {snap.step} iterations: ({end[0].toFixed(2)}, {end[1].toFixed(2)}), ℓ/n = {snap.logLik.toFixed(3)}.
          </>
        ) : null}
      </p>
    </WidgetFrame>
  );
}
