/**
 * bnn-regression (chapter 11): a mean-field Gaussian network trained live (worker, tfjs) by
 * Bayes by backprop with the local reparameterization trick on data with a gap (or, with the
 * family switch, a full-covariance Gaussian over all weights with the network linearized at its
 * mean), and the MLE network on the same data. Blue: the variational 90% predictive band (mixture over 200 weight
 * draws plus noise) and draws of f; orange: the MLE network's f̂ ± 1.645 σ̂; black: the truth;
 * shaded: the gap. In the linear (exact-check) mode, dashed green: the closed-form mean-field
 * band; dotted grey: the exact posterior's band.
 */
import { bnnParams } from '../../core/bnn/demo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO, ScatterPlot } from '../plots';
import type { PathLayer } from '../plots';
import type { WidgetProps } from '../registry';
import { fmt, scoreRows, yDomain, type BnnSnapshot } from './logic';

export default function BnnRegressionWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: bnnParams, preset, demo: 'bnn-regression', liveParams: ['lr'] });
  const snap = w.trainer?.snapshot as BnnSnapshot | null | undefined;
  let figure = <p>Preparing…</p>;
  if (snap) {
    const [ylo, yhi] = yDomain(snap);
    const g = snap.grid;
    const paths: PathLayer[] = [
      { x: [snap.gap[0], snap.gap[0]], y: [ylo, yhi], color: OKABE_ITO.grey, width: 1, dashed: true },
      { x: [snap.gap[1], snap.gap[1]], y: [ylo, yhi], color: OKABE_ITO.grey, width: 1, dashed: true },
      ...snap.curves.map((c) => ({ x: g, y: c, color: OKABE_ITO.skyBlue, width: 1, alpha: 0.6 })),
      { x: g, y: snap.truth, color: OKABE_ITO.black, width: 1.5 },
      { x: g, y: snap.mleLower, color: OKABE_ITO.orange, width: 1.5 },
      { x: g, y: snap.mleUpper, color: OKABE_ITO.orange, width: 1.5 },
      { x: g, y: snap.mleCurve, color: OKABE_ITO.orange, width: 1, dashed: true },
      { x: g, y: snap.viLower, color: OKABE_ITO.blue, width: 2.5 },
      { x: g, y: snap.viUpper, color: OKABE_ITO.blue, width: 2.5 },
    ];
    if (snap.linear) {
      paths.push(
        { x: g, y: snap.linear.mfLower, color: OKABE_ITO.bluishGreen, width: 2, dashed: true },
        { x: g, y: snap.linear.mfUpper, color: OKABE_ITO.bluishGreen, width: 2, dashed: true },
        { x: g, y: snap.linear.exactLower, color: OKABE_ITO.grey, width: 1.5, dashed: true },
        { x: g, y: snap.linear.exactUpper, color: OKABE_ITO.grey, width: 1.5, dashed: true },
      );
    }
    figure = (
      <ScatterPlot
        xDomain={[snap.box[0], snap.box[1]]}
        yDomain={[ylo, yhi]}
        paths={paths}
        points={{ x: snap.trainX, y: snap.trainY, color: OKABE_ITO.black, size: 2.5, alpha: 0.7, label: 'training data' }}
        xLabel="x"
        yLabel="y"
        ariaLabel="Training data with a gap, the variational and the MLE network's 90% predictive bands, and the true curve"
      />
    );
  }
  return (
    <WidgetFrame
      widget={w}
      title="A Bayesian neural network by VI, and the MLE network"
      caption={
        <>
          One step is one Adam step on the ELBO (mean-field: one local-reparameterization draw per point; full covariance, linearized: the
          exact expectation under the network linearized at q&rsquo;s mean, with the Jacobian held fixed, a Gauss&ndash;Newton step; full batch) and one on the MLE network&rsquo;s log-likelihood. Blue: the variational 90% predictive band (mixture of N(f<sub>w</sub>(x), σ̂²) over 200 draws w ~ q) with six draws of f in
          light blue; orange: the MLE network&rsquo;s f̂(x) ± 1.645 σ̂; black: the true curve; dashed grey lines: the gap. Coverage and log predictive
          density are on 300 held-out points in each region. With the full-covariance family, f is the network linearized at q&rsquo;s mean, and the ELBO and E<sub>q</sub> log p(y | w) in the chart are the linearized model&rsquo;s, so they cannot be compared with mean-field&rsquo;s (which bound the network&rsquo;s likelihood). In the linear mode the dashed green band is the closed-form mean-field optimum and the
          dotted grey band the exact posterior&rsquo;s.
        </>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: '1em', alignItems: 'start' }}>
        <div>{figure}</div>
        <div>
          <MetricChart
            history={w.trainer?.history ?? []}
            series={[
              { key: 'elbo', label: 'ELBO', color: OKABE_ITO.blue },
              { key: 'expectedLogLik', label: 'E_q log p(y | w)', color: OKABE_ITO.skyBlue },
              { key: 'mleLogLik', label: 'MLE log-likelihood', color: OKABE_ITO.orange },
            ]}
            xLabel="Adam step"
            yLabel="nats"
          />
          {snap ? <Readout snap={snap} /> : null}
        </div>
      </div>
    </WidgetFrame>
  );
}

function Readout({ snap }: { snap: BnnSnapshot }) {
  const m = snap.linear;
  return (
    <div data-testid="bnn-readout" style={{ fontSize: '0.85em' }}>
      <table className="widget-table" data-testid="bnn-scores" style={{ borderCollapse: 'collapse' }}>
        <caption style={{ textAlign: 'left' }}>Held-out: coverage of the 90% interval and log predictive density (nats per point).</caption>
        <thead>
          <tr>
            <th scope="col">fit</th>
            <th scope="col">coverage in gap</th>
            <th scope="col">over data</th>
            <th scope="col">log pred. in gap</th>
            <th scope="col">over data</th>
            <th scope="col">σ̂</th>
          </tr>
        </thead>
        <tbody>
          {scoreRows(snap).map((r) => (
            <tr key={r.fit}>
              <th scope="row">{r.fit}</th>
              <td>{fmt(r.coverageGap)}</td>
              <td>{fmt(r.coverageData)}</td>
              <td>{fmt(r.lpdGap, 2)}</td>
              <td>{fmt(r.lpdData, 2)}</td>
              <td>{fmt(r.noiseSd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Weight sds s<sub>l</sub> by layer: {Array.from(snap.priorSds, (s) => fmt(s)).join(', ')} · band width in the gap ÷ over the data:{' '}
        {fmt(snap.widthRatio, 2)}
      </p>
      {m && m.trainedCov ? (
        <p data-testid="bnn-linear">
          Exact check (full covariance): trained m = ({fmt(m.trainedMean[0])}, {fmt(m.trainedMean[1])}), exact posterior ({fmt(m.mfMean[0])},{' '}
          {fmt(m.mfMean[1])}); trained Σ = ({m.trainedCov[0].toExponential(2)}, {m.trainedCov[1].toExponential(2)}, {m.trainedCov[2].toExponential(2)}),
          exact ({m.exactCov[0].toExponential(2)}, {m.exactCov[1].toExponential(2)}, {m.exactCov[2].toExponential(2)}); ELBO {fmt(m.elboTrained, 2)} vs
          log p(y) {fmt(m.elboClosedForm, 2)} (the closed form: equal at the exact posterior).
        </p>
      ) : m ? (
        <p data-testid="bnn-linear">
          Exact check: trained m = ({fmt(m.trainedMean[0])}, {fmt(m.trainedMean[1])}), closed form ({fmt(m.mfMean[0])}, {fmt(m.mfMean[1])}); trained v = (
          {m.trainedVar[0].toExponential(2)}, {m.trainedVar[1].toExponential(2)}), closed form ({m.mfVar[0].toExponential(2)},{' '}
          {m.mfVar[1].toExponential(2)}); ELBO {fmt(m.elboTrained, 2)} vs {fmt(m.elboClosedForm, 2)} at the closed form.
        </p>
      ) : null}
    </div>
  );
}
