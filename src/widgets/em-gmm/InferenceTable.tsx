/**
 * Standard errors and 95% Wald intervals at the MLE (chapter 2, "standard-errors"), shown under
 * the em-gmm figure once EM has converged: one row per weight and mean coordinate.
 */
import type { MixtureInference, WaldEstimate } from '../../core/em/mixtureStandardErrors';

const fmt = (v: number) => v.toFixed(3);

function Row({ label, sub, e }: { label: string; sub: string; e: WaldEstimate }) {
  return (
    <tr>
      <th scope="row">
        {label}
        <sub>{sub}</sub>
      </th>
      <td>{fmt(e.estimate)}</td>
      <td>{fmt(e.se)}</td>
      <td aria-label={`from ${fmt(e.lower)} to ${fmt(e.upper)}`}>
        [{fmt(e.lower)}, {fmt(e.upper)}]
      </td>
    </tr>
  );
}

export function InferenceTable({ inference }: { inference: MixtureInference }) {
  if (!inference.ok) {
    return (
      <p data-testid="em-gmm-inference" role="status">
        Standard errors: {inference.reason}
      </p>
    );
  }
  return (
    <table className="widget-table" data-testid="em-gmm-inference" style={{ fontSize: '0.85em', borderCollapse: 'collapse' }}>
      <caption style={{ textAlign: 'left' }}>
        At the MLE: standard errors from Louis&rsquo;s observed information, 95% Wald intervals (estimate ± 1.96 SE). Score at the fixed point
        below {inference.maxAbsScore.toExponential(0)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">parameter</th>
          <th scope="col">estimate</th>
          <th scope="col">SE</th>
          <th scope="col">95% interval</th>
        </tr>
      </thead>
      <tbody>
        {inference.components.flatMap((c, i) => [
          <Row key={`w${i}`} label="π" sub={String(i + 1)} e={c.weight} />,
          ...c.mean.map((e, j) => <Row key={`m${i}-${j}`} label="μ" sub={`${i + 1},${j + 1}`} e={e} />),
        ])}
      </tbody>
    </table>
  );
}
