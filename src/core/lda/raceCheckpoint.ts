/**
 * A race run as plain data and back (worker rollback and restart). Batch EM keeps its per-
 * document γ (D·K numbers: its warm start) and the pass in progress; stochastic runs keep K·V
 * statistics, α's running statistic and their place in the pass (the permutation is rebuilt).
 */
import type { Plain } from '../demo';
import { refreshTopics } from './online';
import type { Run } from './race';

export function runCheckpoint(r: Run): Plain {
  if (r.batchState) {
    const b = r.batchState;
    return {
      beta: Float64Array.from(b.beta),
      alpha: Float64Array.from(b.alpha),
      gamma: Float64Array.from(b.gamma),
      sstats: Float64Array.from(b.sstats),
      sElog: Float64Array.from(b.sElog),
      bound: b.bound,
      cursor: b.cursor,
      iterations: b.iterations,
      bounds: Float64Array.from(b.bounds),
    };
  }
  const o = r.online!;
  return { stats: Float64Array.from(o.stats), alpha: Float64Array.from(o.alpha), sAlpha: Float64Array.from(o.sAlpha), t: o.t, seen: o.seen, pos: r.pos, pass: r.pass };
}

/** Restores `cp` into a freshly started run of the same spec; returns it. */
export function restoreRun(r: Run, cp: Plain): Run {
  const c = cp as Record<string, Float64Array & number>;
  if (r.batchState) {
    const b = r.batchState;
    b.beta.set(c.beta);
    b.alpha = Float64Array.from(c.alpha);
    b.gamma.set(c.gamma);
    b.sstats.set(c.sstats);
    b.sElog.set(c.sElog);
    b.bound = c.bound;
    b.cursor = c.cursor;
    b.iterations = c.iterations;
    b.bounds = Array.from(c.bounds);
    return r;
  }
  const o = r.online!;
  o.stats.set(c.stats);
  o.alpha = Float64Array.from(c.alpha);
  o.sAlpha = Float64Array.from(c.sAlpha);
  o.t = c.t;
  o.seen = c.seen;
  refreshTopics(o);
  r.pos = c.pos;
  r.pass = c.pass;
  r.perm = null;
  return r;
}
