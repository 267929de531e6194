/**
 * elbo-split (chapter 3): the identity log p_θ(x) = ELBO(q, θ) + KL(q ‖ p_θ(·|x)) on the Gaussian
 * random-effects model. Two columns of equal height: the reader's q (two sliders) and the q of
 * variational EM; the transport runs variational EM one half-step (E or M) at a time, and the
 * chart shows the ELBO climbing under log p_θ(x), which stops short of the MLE's.
 */
import { useMemo, useState } from 'react';
import type { VariationalEmSnapshot } from '../../core/vi/elbo/demo';
import { variationalEmParams } from '../../core/vi/elbo/demo';
import { useWidget, WidgetFrame } from '../frame';
import { MetricChart, OKABE_ITO } from '../plots';
import type { WidgetProps } from '../registry';
import { elboSplit, READER_Q_START, readerQ } from './logic';
import { StackedBars } from './StackedBars';

const RANGE = 30;

function Slider(props: { label: string; value: number; min: number; max: number; step: number; onChange(v: number): void }) {
  return (
    <label style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25em 0.5em', alignItems: 'center' }}>
      <span style={{ minWidth: 'min(13em, 100%)' }}>{props.label}</span>
      <input type="range" min={props.min} max={props.max} step={props.step} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))} />
      <output>{props.value.toFixed(2)}</output>
    </label>
  );
}

export default function ElboSplitWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: variationalEmParams, preset, demo: 'variational-em', initialSpeed: 5 });
  const [shift, setShift] = useState<number>(READER_Q_START.shift);
  const [sd, setSd] = useState<number>(READER_Q_START.sd);
  const snap = w.trainer?.snapshot as VariationalEmSnapshot | null | undefined;

  const view = useMemo(() => {
    if (!snap) return null;
    const theta = { mu: snap.mu, tau2: snap.tau2 };
    const mine = elboSplit(snap.x, readerQ(snap.x, theta, snap.sigma2, shift, sd), theta, snap.sigma2);
    const vem = elboSplit(snap.x, { m: snap.qM, v: snap.qV }, theta, snap.sigma2);
    const postSd = Math.sqrt(1 / (1 / snap.tau2 + 1 / snap.sigma2));
    return { mine, vem, postSd };
  }, [snap, shift, sd]);

  const history = w.trainer?.history ?? [];
  const maxLogLik = history.at(-1)?.metrics.mleLogLik;
  const caption = (
    <>
      Both columns have height log p<sub>θ</sub>(x) at the current θ (their floor is 30 nats below it); blue is the ELBO of a q, orange its KL to the exact posterior.
      The step button runs one half-step of variational EM (E, then M, …). With q&apos;s variance fixed, the estimate of τ² stops short of the MLE.
    </>
  );
  return (
    <WidgetFrame
      widget={w}
      title="ELBO + KL = log p(x), and variational EM"
      caption={caption}
      extraControls={
        <fieldset style={{ border: 'none', padding: 0, minWidth: 0 }}>
          <legend>Your q (at the current θ)</legend>
          <Slider label="Mean shift (posterior sds)" value={shift} min={-3} max={3} step={0.05} onChange={setShift} />
          <Slider label="sd of every factor" value={sd} min={0.05} max={2} step={0.01} onChange={setSd} />
        </fieldset>
      }
    >
      {view && snap ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: '1em', alignItems: 'start' }}>
          <div>
            <StackedBars
              range={RANGE}
              columns={[
                { label: 'your q', split: view.mine },
                { label: 'variational EM q', split: view.vem },
              ]}
            />
            <p style={{ fontSize: '0.9em', margin: '0.3em 0' }} data-testid="elbo-split-readout">
              θ: μ = {snap.mu.toFixed(3)}, τ² = {snap.tau2.toFixed(3)} · MLE τ̂² = {snap.mleTau2.toFixed(3)} · bias {(snap.tau2 - snap.mleTau2).toFixed(3)}
              <br />
              posterior sd √v* = {view.postSd.toFixed(3)} · next half-step: {snap.next}
            </p>
          </div>
          <MetricChart
            history={history}
            series={[
              { key: 'logLik', label: 'log p(x)', color: OKABE_ITO.vermillion },
              { key: 'elbo', label: 'ELBO', color: OKABE_ITO.blue },
            ]}
            reference={maxLogLik === undefined ? undefined : { y: maxLogLik, label: 'max log p(x)', color: OKABE_ITO.grey }}
            xLabel="half-step"
            yLabel="nats"
          />
        </div>
      ) : (
        <p>Preparing the data…</p>
      )}
    </WidgetFrame>
  );
}
