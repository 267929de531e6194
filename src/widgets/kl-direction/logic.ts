/**
 * The kl-direction widget's computation, outside React: the two-mode target, both Gaussian fits
 * and the four KL numbers (each fit scored in both directions), plus the density grid to draw.
 */
import type { ParamTable } from '../../core/params';
import { gaussHermiteNormal } from '../../core/vi/cavi/gaussHermite';
import {
  fitReverseKlMultiStart,
  forwardKl,
  mixtureLogDensity,
  momentMatch,
  paramsFromGaussian,
  reverseKl,
  twoModeTarget,
  type Gaussian2,
  type Mixture2,
} from '../../core/vi/cavi/klDirection';

/** The widget's settings (in the URL); `npm run lab -- kl-direction` takes the same. */
export const klDirectionParams = {
  separation: { kind: 'number', label: 'Distance between the modes', min: 0, max: 8, step: 0.1, default: 5 },
  angle: { kind: 'number', label: 'Angle of the mode axis (rad)', min: 0, max: 3.1, step: 0.05, default: 0.5 },
} satisfies ParamTable;

export interface KlDirectionView {
  target: Mixture2;
  massCovering: Gaussian2;
  modeSeeking: Gaussian2;
  /** KL(q ‖ p) and KL(p ‖ q) for each fit. */
  scores: { modeSeeking: { reverse: number; forward: number }; massCovering: { reverse: number; forward: number } };
}

export function klDirectionView(separation: number, angle: number): KlDirectionView {
  const target = twoModeTarget(separation, angle);
  const massCovering = momentMatch(target);
  const modeSeeking = fitReverseKlMultiStart(target).best.q;
  const rule = gaussHermiteNormal(24);
  const score = (q: Gaussian2) => ({ reverse: reverseKl(target, paramsFromGaussian(q), rule), forward: forwardKl(target, q, rule) });
  return { target, massCovering, modeSeeking, scores: { modeSeeking: score(modeSeeking), massCovering: score(massCovering) } };
}

/** p on an n×n grid over [−half, half]² (row j = y), for the image and contours. */
export function mixtureGrid(p: Mixture2, half: number, n: number): Float64Array {
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const y = -half + (2 * half * j) / (n - 1);
    for (let i = 0; i < n; i++) values[j * n + i] = Math.exp(mixtureLogDensity(p, -half + (2 * half * i) / (n - 1), y));
  }
  return values;
}
