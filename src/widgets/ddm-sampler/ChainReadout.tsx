/**
 * What the reverse chain looks like at the shown t, in numbers: the mean and spread of x_t (at
 * t = T the chain starts from N(0, I), so about (0, 0) and (1, 1)) and its energy distance to the
 * held-out data, next to the snapshot's fitted-Gaussian baseline (at t = 0 the samples of a trained
 * model beat it). The values are also data attributes, so tests read what the reader sees.
 */
import { useMemo } from 'react';
import { energyDistance } from '../../core/metrics/energyDistance';
import { formatEnergy, pointSpread } from '../ddm-train-2d/logic';

interface Props {
  t: number;
  /** training steps of the model that drew the chain */
  step: number;
  /** steps of the shipped weights the model started from (0: from scratch) */
  pretrainedSteps: number;
  /** x_t of every shown sample [n*2] */
  points: Float32Array;
  /** held-out data [m*2], the same reference as the snapshot's energy distances */
  heldOut: Float32Array;
  /** energy distance of a Gaussian fitted to the training data, from the snapshot */
  gaussian: number;
}

export function ChainReadout({ t, step, pretrainedSteps, points, heldOut, gaussian }: Props) {
  const spread = useMemo(() => pointSpread(points), [points]);
  // O(n·m) pairs (400 × 1000): a few milliseconds, recomputed only when t or the snapshot changes.
  const energy = useMemo(() => energyDistance(points, heldOut), [points, heldOut]);
  const f = (v: number) => v.toFixed(2).replace('-', '−');
  return (
    <p
      style={{ fontSize: '0.9em' }}
      data-testid="ddm-sampler-readout"
      data-t={t}
      data-step={step}
      data-pretrained-steps={pretrainedSteps}
      data-mean-x={spread.mean[0]}
      data-mean-y={spread.mean[1]}
      data-sd-x={spread.sd[0]}
      data-sd-y={spread.sd[1]}
      data-energy={energy}
      data-gaussian={gaussian}
    >
      x<sub>t</sub> at t = {t}: mean ({f(spread.mean[0])}, {f(spread.mean[1])}), standard deviations ({f(spread.sd[0])}, {f(spread.sd[1])}); energy
      distance to held-out data {formatEnergy(energy)} (Gaussian fit {formatEnergy(gaussian)}).
    </p>
  );
}
