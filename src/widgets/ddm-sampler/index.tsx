/**
 * ddm-sampler (chapter 8): the reverse chain of a diffusion model trained in the worker ('ddm'
 * demo), animated from noise (t = T) to data (t = 0). It opens on the shipped two-moons model
 * (`npm run lab -- make-weights ddm-moons`), so the chain is a trained one at once; "Train from
 * scratch" restarts from random weights. A slider scrubs t; a few samples' whole
 * paths are drawn up to the current t; arrows show the learned −ε_θ(x, t), the direction of the
 * noised data's score, at the precomputed timestep nearest to t.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ddmParams, DDM_LIVE_PARAMS } from '../../core/diffusion/ddmParams';
import type { DdmSnapshot } from '../../core/diffusion/ddmSession';
import { useWidget, WidgetFrame } from '../frame';
import { CATEGORY_COLORS, OKABE_ITO, ScatterPlot, splitXY } from '../plots';
import type { WidgetProps } from '../registry';
import { fieldArrows, nearestFrame, pathDownTo, stateAt } from '../ddm-train-2d/logic';
import { ChainReadout } from './ChainReadout';
import { SAMPLER_PRESET } from './preset';

const DOMAIN: [number, number] = [-3.2, 3.2];
const ANIMATION_MS = 4000;

export default function DdmSamplerWidget({ id, preset }: WidgetProps) {
  const w = useWidget({ id, params: ddmParams, preset: { ...SAMPLER_PRESET, ...preset }, demo: 'ddm', liveParams: [...DDM_LIVE_PARAMS] });
  const snap = w.trainer?.snapshot as DdmSnapshot | null | undefined;
  const T = snap?.T ?? w.values.T;
  const [t, setT] = useState(0);
  const [animating, setAnimating] = useState(false);
  const [showField, setShowField] = useState(true);
  // The chain length read by the animation without restarting it when a new snapshot arrives.
  const chainT = useRef(T);
  chainT.current = T;

  useEffect(() => {
    if (!animating) return;
    if (w.reducedMotion) {
      setT(0);
      setAnimating(false);
      return;
    }
    const start = performance.now();
    let frame = 0;
    const tick = (now: number) => {
      const u = Math.min(1, (now - start) / ANIMATION_MS);
      setT(Math.round(chainT.current * (1 - u)));
      if (u < 1) frame = requestAnimationFrame(tick);
      else setAnimating(false);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [animating, w.reducedMotion]);

  const tShown = Math.min(t, T);
  const n = snap ? snap.samples.length / 2 : 0;
  // x_t of every sample [n*2]; a stable reference per (snapshot, t) so the readout's statistics are memoized.
  const stateShown = useMemo(() => (snap ? stateAt(snap.states, tShown, n) : null), [snap, tShown, n]);
  let figure = <p>{w.values.pretrained ? 'Loading the shipped model…' : 'Preparing the model… press Play to train it, then run the chain.'}</p>;
  if (snap && stateShown) {
    const pts = splitXY(stateShown);
    const k = nearestFrame(snap.fieldTs, Math.max(1, tShown));
    const arrows = fieldArrows(snap.fieldGrid, snap.fields, k);
    figure = (
      <ScatterPlot
        xDomain={DOMAIN}
        yDomain={DOMAIN}
        equalAspect
        points={[{ x: pts.x, y: pts.y, color: OKABE_ITO.vermillion, alpha: 0.7, size: 2.5, label: `x_t, t = ${tShown}` }]}
        paths={snap.paths.map((p, i) => ({ ...pathDownTo(p, snap.T, tShown), color: CATEGORY_COLORS[i % CATEGORY_COLORS.length], width: 1.5, alpha: 0.9 }))}
        arrows={showField ? [{ ...arrows, color: OKABE_ITO.grey, scale: 0.12, width: 1 }] : []}
        xLabel="x₁"
        yLabel="x₂"
        ariaLabel={`Reverse chain at t = ${tShown} of ${snap.T}: ${n} samples, ${snap.paths.length} paths${showField ? `, and the field −ε_θ at t = ${snap.fieldTs[k]}` : ''}`}
      />
    );
  }

  return (
    <WidgetFrame
      widget={w}
      title="Ancestral sampling: from noise back to data"
      caption={
        <>
          {w.values.pretrained ? 'The model opens trained (shipped weights); Play trains it further' : 'Play trains the model from random weights'} (one
          step is one Adam update); the chain below is re-sampled from the current model at every update of the figure.
          &ldquo;Run the chain&rdquo; animates x<sub>T</sub> ~ N(0, I) → x<sub>0</sub>; the slider scrubs t. Grey arrows: −ε<sub>θ</sub>(x, t) at the
          nearest of {snap?.fieldTs.length ?? 11} precomputed timesteps{snap ? ` (now t = ${snap.fieldTs[nearestFrame(snap.fieldTs, Math.max(1, tShown))]})` : ''}.
        </>
      }
      controls={['dataset', 'T', 'schedule', 'variance', 'steps']}
      extraControls={
        <div className="widget-extra-controls" style={{ display: 'flex', gap: '0.6em', flexWrap: 'wrap', alignItems: 'center' }}>
          <button type="button" disabled={!snap} onClick={() => setAnimating(true)}>
            Run the chain
          </button>
          <button type="button" disabled={!snap} onClick={() => w.trainer?.requestSnapshot()}>
            New samples
          </button>
          <button type="button" onClick={() => w.setValue('pretrained', !w.values.pretrained)}>
            {w.values.pretrained ? 'Train from scratch' : 'Back to the shipped weights'}
          </button>
          <label>
            t = {tShown}{' '}
            <input
              type="range"
              min={0}
              max={T}
              step={1}
              value={tShown}
              aria-label="Timestep t of the reverse chain"
              onChange={(e) => {
                setAnimating(false);
                setT(Number(e.target.value));
              }}
            />
          </label>
          <label>
            <input type="checkbox" checked={showField} onChange={(e) => setShowField(e.target.checked)} /> noise field
          </label>
        </div>
      }
    >
      {figure}
      {snap && stateShown ? <ChainReadout t={tShown} step={snap.step} pretrainedSteps={snap.pretrainedSteps} points={stateShown} heldOut={snap.heldOut} gaussian={snap.energy.gaussian} /> : null}
      {snap ? (
        <p style={{ fontSize: '0.9em' }} data-testid="ddm-sampler-status">
          Model after {snap.pretrainedSteps > 0 ? `${snap.pretrainedSteps} shipped + ` : ''}
          {snap.step} training steps{w.values.pretrained && snap.pretrainedSteps === 0 ? ' (the shipped weights are for two moons at the default T, schedule and width: these settings start from scratch)' : ''}. At t = {tShown} the forward marginal has √ᾱ<sub>t</sub> ={' '}
          {Math.sqrt(1 / (1 + Math.exp(-(tShown > 0 ? snap.logSnr[tShown - 1] : Infinity)))).toFixed(3)} of the signal left.
        </p>
      ) : null}
    </WidgetFrame>
  );
}
