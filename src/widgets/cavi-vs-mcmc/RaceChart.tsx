/** Error of each method's posterior-mean estimate against wall-clock milliseconds, log-log. */
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { OKABE_ITO } from '../plots';
import { logDomain, type TimedPoint } from './logic';

const fmt = (v: number) => (v >= 0.01 && v < 1000 ? String(+v.toPrecision(2)) : v.toExponential(0));

export function RaceChart({ cavi, mcmc, mcmcLabel, width }: { cavi: TimedPoint[]; mcmc: TimedPoint[]; mcmcLabel: string; width: number }) {
  if (cavi.length + mcmc.length === 0) return <p>Press play to start the race.</p>;
  const xDomain = logDomain([cavi, mcmc], 'ms');
  const yDomain = logDomain([cavi, mcmc], 'error');
  return (
    <LineChart width={width} height={240} margin={{ top: 8, right: 16, bottom: 18, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#ccc" />
      <XAxis dataKey="ms" type="number" scale="log" domain={xDomain} allowDataOverflow tickFormatter={fmt} label={{ value: 'wall-clock ms', position: 'insideBottom', offset: -10 }} />
      <YAxis dataKey="error" type="number" scale="log" domain={yDomain} allowDataOverflow tickFormatter={fmt} width={56} />
      <Tooltip formatter={(v) => (typeof v === 'number' ? v.toExponential(2) : String(v))} labelFormatter={(v) => `${Number(v).toFixed(1)} ms`} />
      <Legend verticalAlign="top" />
      <Line data={cavi} dataKey="error" name="CAVI mean" stroke={OKABE_ITO.vermillion} dot={false} isAnimationActive={false} strokeWidth={2} />
      <Line data={mcmc} dataKey="error" name={`${mcmcLabel} average`} stroke={OKABE_ITO.blue} dot={false} isAnimationActive={false} strokeWidth={2} />
    </LineChart>
  );
}
