/** The per-restart summary under the em-gmm figure: final ℓ/n, steps, converged (seed as a tooltip); best marked. */
import type { RestartSummary } from '../../core/em/gmmSession';

export function RestartTable({ rows, best, done }: { rows: readonly RestartSummary[]; best: number; done: boolean }) {
  if (rows.length === 0) return null;
  return (
    <table className="widget-table" data-testid="em-gmm-restarts" style={{ fontSize: '0.85em', borderCollapse: 'collapse' }}>
      <caption style={{ textAlign: 'left' }}>Restarts{done ? ' (best shown)' : ''}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">final ℓ/n</th>
          <th scope="col">iterations</th>
          <th scope="col">converged</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} title={`k-means++ seed ${r.seed}`} style={done && i === best ? { fontWeight: 700 } : undefined}>
            <td>{i + 1}{done && i === best ? ' ★' : ''}</td>
            <td>{r.logLik.toFixed(4)}</td>
            <td>{r.steps}</td>
            <td>{r.converged ? 'yes' : 'no (budget)'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
