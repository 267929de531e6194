/**
 * Random-walk Metropolis: propose z' = z + diag(scale) ε, ε ~ N(0, I), accept with probability
 * min(1, p(z')/p(z)). Works for any log-density known up to a constant.
 */
import type { Rng } from '../random';

export interface MetropolisState {
  z: Float64Array;
  logDensity: number;
  accepted: number;
  proposed: number;
}

export function initMetropolis(z0: ArrayLike<number>, logDensity: (z: Float64Array) => number): MetropolisState {
  const z = Float64Array.from(z0);
  return { z, logDensity: logDensity(z), accepted: 0, proposed: 0 };
}

/** One Metropolis step, in place. @param scale [d] per-coordinate proposal sd */
export function metropolisStep(
  state: MetropolisState,
  logDensity: (z: Float64Array) => number,
  scale: ArrayLike<number>,
  rng: Rng,
): boolean {
  const proposal = new Float64Array(state.z.length);
  for (let j = 0; j < proposal.length; j++) proposal[j] = state.z[j] + scale[j] * rng.normal();
  const lp = logDensity(proposal);
  state.proposed++;
  if (Math.log(rng.uniform()) < lp - state.logDensity) {
    state.z = proposal;
    state.logDensity = lp;
    state.accepted++;
    return true;
  }
  return false;
}
