/** The repeated-sampling table: each estimate's mean, bias and sd beside three standard errors and their coverage. */
import { fmt3, pct, type SummaryRow } from './logic';

export function SummaryTable({ rows, count, mcse }: { rows: SummaryRow[]; count: number; mcse: number }) {
  return (
    <table className="widget-table" data-testid="repeated-sampling-table" style={{ fontSize: '0.8em', borderCollapse: 'collapse' }}>
      <caption style={{ textAlign: 'left' }}>
        Over {count} data sets. SE columns: the average standard error; coverage: the fraction of 95% Wald intervals containing θ* (±{pct(mcse)}{' '}
        Monte Carlo SE at 95%), and for the sandwich also θ†, the estimate&rsquo;s own limit.
      </caption>
      <thead>
        <tr>
          <th scope="col">estimate</th>
          <th scope="col">mean</th>
          <th scope="col">bias</th>
          <th scope="col">sd</th>
          <th scope="col">SE naive</th>
          <th scope="col">SE curvature</th>
          <th scope="col">SE sandwich</th>
          <th scope="col">covers θ*: naive</th>
          <th scope="col">curvature</th>
          <th scope="col">sandwich</th>
          <th scope="col">sandwich covers θ†</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.estimator}-${r.parameter}`}>
            <th scope="row">
              {r.estimator}, {r.parameter}
            </th>
            <td>{fmt3(r.mean)}</td>
            <td>{fmt3(r.bias)}</td>
            <td>{fmt3(r.sd)}</td>
            <td>{fmt3(r.naive)}</td>
            <td>{fmt3(r.curvature)}</td>
            <td>{fmt3(r.sandwich)}</td>
            <td>{pct(r.coverNaive)}</td>
            <td>{pct(r.coverCurvature)}</td>
            <td>{pct(r.coverSandwich)}</td>
            <td>{pct(r.coverLimit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
