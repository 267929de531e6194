/**
 * What a training widget computes on the page from the final snapshot, beyond its demo's own
 * summary: each function reads the snapshot the worker would send at rest and calls the same
 * helpers the widget calls, so `npm run lab -- <kind>` prints the numbers under the figure.
 */
import type { DdmSnapshot } from '../../src/core/diffusion/ddmSession';
import { energyDistance } from '../../src/core/metrics/energyDistance';
import type { AnyParamValues, ParamTable } from '../../src/core/params';
import { decodeMeanImage } from '../../src/core/vae/decodeJs';
import type { VariationalEmSnapshot } from '../../src/core/vi/elbo/demo';
import { pointSpread, stateAt } from '../../src/widgets/ddm-train-2d/logic';
import { elboSplit, READER_Q_START, readerQ } from '../../src/widgets/elbo-split/logic';
import type { VaeSnapshotView } from '../../src/widgets/vae-train/logic';
import { DEFAULT_PROBE } from '../../src/widgets/vae-latent/logic';
import type { Readout } from './figures';

export interface SnapshotReadout {
  /** Settings the widget keeps outside the demo (sliders of its own), with the widget's start values. */
  params?: ParamTable;
  read(snapshot: unknown, values: AnyParamValues): Readout;
}

const readerQParams = {
  shift: { kind: 'number', label: 'Your q: mean shift (posterior sds)', min: -3, max: 3, step: 0.05, default: READER_Q_START.shift },
  sd: { kind: 'number', label: 'Your q: sd of every factor', min: 0.05, max: 2, step: 0.01, default: READER_Q_START.sd },
} satisfies ParamTable;

/** elbo-split: log p(x) = ELBO + KL for the reader's q and for variational EM's q, and θ against the MLE. */
export const elboSplitReadout: SnapshotReadout = {
  params: readerQParams,
  read(snapshot, values) {
    const s = snapshot as VariationalEmSnapshot;
    const theta = { mu: s.mu, tau2: s.tau2 };
    const mine = elboSplit(s.x, readerQ(s.x, theta, s.sigma2, Number(values.shift), Number(values.sd)), theta, s.sigma2);
    const vem = elboSplit(s.x, { m: s.qM, v: s.qV }, theta, s.sigma2);
    return {
      mu: s.mu,
      tau2: s.tau2,
      mleTau2: s.mleTau2,
      tau2Bias: s.tau2 - s.mleTau2,
      posteriorSd: Math.sqrt(1 / (1 / s.tau2 + 1 / s.sigma2)),
      logLik: mine.logLik,
      'yourQ.elbo': mine.elbo,
      'yourQ.kl': mine.kl,
      'variationalEmQ.elbo': vem.elbo,
      'variationalEmQ.kl': vem.kl,
      next: s.next,
    };
  },
};

/** vae-train and vae-collapse: the held-out readout and the per-dimension KL bars. */
export const vaeReadout: SnapshotReadout = {
  read(snapshot) {
    const s = snapshot as VaeSnapshotView;
    const out: Readout = {
      'heldOut.elbo': s.test.elbo,
      'heldOut.recon': s.test.recon,
      'heldOut.kl': s.test.kl,
      activeUnits: s.activeUnits,
      latent: s.latent,
      epoch: s.step / s.stepsPerEpoch,
    };
    s.klPerDim.forEach((kl, d) => {
      out[`kl.z${d + 1}`] = kl;
    });
    return out;
  },
};

/** vae-latent: where each digit class sits in the 2-D code, and the probe's decoded image. */
export const vaeLatentReadout: SnapshotReadout = {
  read(snapshot) {
    const s = snapshot as VaeSnapshotView;
    if (!s.means || !s.labels || !s.decoder) throw new Error('the vae snapshot has no 2-D codes: run with --latent 2');
    const out: Readout = { 'heldOut.elbo': s.test.elbo, codes: s.labels.length };
    const sum = Array.from({ length: 10 }, () => [0, 0, 0]);
    s.labels.forEach((label, i) => {
      sum[label][0] += s.means![2 * i];
      sum[label][1] += s.means![2 * i + 1];
      sum[label][2]++;
    });
    sum.forEach(([x, y, n], d) => {
      if (n > 0) out[`centroid.${d}`] = `${(x / n).toFixed(3)}, ${(y / n).toFixed(3)}`;
    });
    const image = decodeMeanImage(s.decoder, DEFAULT_PROBE);
    out.probe = DEFAULT_PROBE.join(', ');
    out['probe.meanIntensity'] = image.reduce((a, b) => a + b, 0) / image.length;
    return out;
  },
};

/** ddm-train-2d: −ELBO on held-out points and the prior term, next to the demo's energy distances. */
export const ddmTrainReadout: SnapshotReadout = {
  read(snapshot) {
    const s = snapshot as DdmSnapshot;
    return { negativeElbo: s.negativeElbo, priorTerm: s.priorTerm, step: s.step };
  },
};

/** ddm-sampler: the reverse chain's mean, spread and energy distance at t = T and t = 0. */
export const ddmSamplerReadout: SnapshotReadout = {
  read(snapshot) {
    const s = snapshot as DdmSnapshot;
    const n = s.samples.length / 2;
    const out: Readout = { 'gaussianFit.energy': s.energy.gaussian };
    for (const t of [s.T, 0]) {
      const points = stateAt(s.states, t, n);
      const spread = pointSpread(points);
      out[`t${t}.mean`] = spread.mean.map((v) => v.toFixed(3)).join(', ');
      out[`t${t}.sd`] = spread.sd.map((v) => v.toFixed(3)).join(', ');
      out[`t${t}.energy`] = energyDistance(points, s.heldOut);
    }
    return out;
  },
};
