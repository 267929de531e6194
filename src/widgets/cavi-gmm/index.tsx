/**
 * cavi-gmm (chapter 4): CAVI for the Bayesian mixture of unit-variance Gaussians
 * (Blei, Kucukelbir & McAuliffe 2017, §3). Points are coloured by their responsibilities φ_i;
 * each fitted mean m_k carries the unit-variance component ellipse; black crosses are the true
 * means. The chart is the ELBO, the convergence monitor.
 */
import type { CaviGmmSnapshot } from '../../core/vi/cavi/gmmDemo';
import { caviGmmParams } from '../../core/vi/cavi/gmmDemo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot, categoryColor } from '../plots';
import type { WidgetProps } from '../registry';
import { mixedColors, squareDomain } from './logic';

export default function CaviGmmWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: caviGmmParams, preset, demo: 'cavi-gmm', initialSpeed: 5 });
  const snap = w.trainer?.snapshot as CaviGmmSnapshot | null | undefined;
  const m = w.trainer?.metrics;

  let figure = <p>Preparing…</p>;
  if (snap) {
    const n = snap.x.length / 2;
    const K = snap.K;
    const xs = snap.x.filter((_, j) => j % 2 === 0);
    const ys = snap.x.filter((_, j) => j % 2 === 1);
    const domain = squareDomain(snap.x);
    const ellipses = Array.from({ length: K }, (_, k) => ({
      mean: [snap.m[2 * k], snap.m[2 * k + 1]] as [number, number],
      cov: [1, 0, 0, 1],
      nSigma: [1, 2],
      color: categoryColor(k),
      lineWidth: 2,
    }));
    figure = (
      <ScatterPlot
        xDomain={domain}
        yDomain={domain}
        equalAspect
        points={[
          { x: xs, y: ys, rgb: mixedColors(snap.phi, n, K), size: 3, alpha: 0.8, label: 'data' },
          { x: snap.trueMeans.filter((_, j) => j % 2 === 0), y: snap.trueMeans.filter((_, j) => j % 2 === 1), color: OKABE_ITO.black, size: 6, label: 'true means' },
        ]}
        ellipses={ellipses}
        xLabel="x₁"
        yLabel="x₂"
        ariaLabel="Data coloured by CAVI responsibilities, fitted component means with unit-variance ellipses, and the true means"
      />
    );
  }
  return (
    <WidgetFrame
      widget={w}
      title="CAVI for a Gaussian mixture with random means"
      caption={
        <>
          One step is one CAVI sweep: all responsibilities φ<sub>i</sub>, then each q(μ<sub>k</sub>). Colours mix the component colours by φ<sub>i</sub>;
          black dots are the true means. With &ldquo;estimate σ²&rdquo; on, each sweep ends with the hyperparameter&apos;s M-step (variational EM).
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          <MetricChart history={w.trainer?.history ?? []} series={[{ key: 'elbo', label: 'ELBO', color: OKABE_ITO.blue }]} xLabel="sweep" yLabel="nats" />
          {m ? (
            <p data-testid="cavi-gmm-readout" style={{ fontSize: '0.9em' }}>
              ELBO {m.elbo.toFixed(3)} (change {m.elboChange.toExponential(1)}) · worst mean error {m.meanError.toFixed(3)} · σ² = {m.sigma2.toFixed(2)}
            </p>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
