/**
 * Checkpoint and restore of a diffusion training run (a denoiser and its Adam), shared by the
 * 2-D, digit and latent sessions (./ddmSession.ts, ./ddmDigitsDemo.ts, ./latentDemo.ts) and by the
 * weight makers' resumable files (scripts/lab/weights/denoiserRun.ts). Plain data: the worker
 * sends it across threads for rollback and restart.
 */
import type { Plain } from '../demo';
import type { Adam } from '../math/adam';
import type { Denoiser, DenoiserBaseConfig } from './denoiser';

export type DenoiserCheckpoint = {
  /** the session's step count */
  step: number;
  /** the network's weights in `weights` order */
  weights: Float32Array[];
  /** Adam's moments and its own step count */
  m: Float32Array[];
  v: Float32Array[];
  adamStep: number;
};

type Net = Denoiser<DenoiserBaseConfig>;

export async function checkpointDenoiser(net: Net, optimizer: Adam, step: number): Promise<DenoiserCheckpoint> {
  const st = await optimizer.state();
  return { step, weights: await net.getWeights(), m: st.m, v: st.v, adamStep: st.step };
}

/** Puts a checkpoint back into the network and the optimizer. @returns its step count */
export function restoreDenoiser(net: Net, optimizer: Adam, cp: Plain): number {
  const c = cp as unknown as DenoiserCheckpoint;
  net.setWeights(c.weights);
  optimizer.setState({ step: c.adamStep, m: c.m, v: c.v });
  return c.step;
}

/** The `corrupt` test hook: every weight NaN. */
export function poisonDenoiser(net: Net): void {
  net.setWeights(net.weights.map((w) => new Float32Array(w.size).fill(NaN)));
}
