/**
 * The runs of chapter 10's race: batch variational EM, online EM and SVI on the same training
 * corpus, each given the same number of documents per step, scored on the same held-out
 * documents. Stochastic runs take minibatches in a fresh seeded permutation each pass (the
 * permutation is rebuilt from (seed, pass), so a checkpoint needs only the position).
 */
import { createRng, permutation } from '../random';
import type { BowCorpus } from './corpus';
import { advanceBatchEm, startBatchEm, type BatchEmState } from './batch';
import { onlineBeta, onlineStep, startOnline, type OnlineState } from './online';
import { normalizeRows, randomStats } from './topics';

export type RunKind = 'batch' | 'em' | 'vb';

export interface RunSpec {
  kind: RunKind;
  label: string;
  /** minibatch size B (batch EM: documents of its pass processed per chunk) */
  batch: number;
  kappa: number;
  tau0: number;
}

export type RaceKind = 'algorithms' | 'kappa' | 'tau0' | 'batch';

export const RACE_KAPPAS = [0.55, 0.75, 1] as const;
export const RACE_TAU0S = [1, 64, 1024] as const;
export const RACE_BATCHES = [16, 64, 256] as const;

/** The runs a race compares: batch EM always, then online EM and SVI, or SVI at several κ, τ₀ or B. */
export function raceRuns(race: RaceKind, p: { batch: number; kappa: number; tau0: number }): RunSpec[] {
  const batchEm: RunSpec = { kind: 'batch', label: 'batch EM', batch: p.batch, kappa: 1, tau0: 1 };
  switch (race) {
    case 'algorithms':
      return [batchEm, { kind: 'em', label: 'online EM', ...p }, { kind: 'vb', label: 'SVI', ...p }];
    case 'kappa':
      return [batchEm, ...RACE_KAPPAS.map((kappa) => ({ kind: 'vb' as const, label: `SVI κ = ${kappa}`, batch: p.batch, kappa, tau0: p.tau0 }))];
    case 'tau0':
      return [batchEm, ...RACE_TAU0S.map((tau0) => ({ kind: 'vb' as const, label: `SVI τ₀ = ${tau0}`, batch: p.batch, kappa: p.kappa, tau0 }))];
    case 'batch': {
      const top = RACE_BATCHES[RACE_BATCHES.length - 1];
      return [{ ...batchEm, batch: top }, ...RACE_BATCHES.map((batch) => ({ kind: 'vb' as const, label: `SVI B = ${batch}`, batch, kappa: p.kappa, tau0: p.tau0 }))];
    }
  }
}

export interface Run {
  spec: RunSpec;
  batchState?: BatchEmState;
  online?: OnlineState;
  /** stochastic runs: position in the current pass's permutation, and the pass */
  pos: number;
  pass: number;
  perm: Uint32Array | null;
  scratch: Float64Array | null;
  /** mean ELBO term of the documents processed by the last advance (E-step bound, nats per document) */
  lastBound: number;
}

export interface RaceSetup {
  k: number;
  alpha0: number;
  seed: number;
  eta?: number;
}

export function startRun(spec: RunSpec, train: BowCorpus, s: RaceSetup): Run {
  const { k } = s;
  const v = train.vocab;
  if (spec.kind === 'batch') {
    // a dispersed start (shape 1): from Hoffman's ±10 % start batch EM's first passes barely separate the topics
    const beta0 = normalizeRows(randomStats(k, v, s.seed, 1, 1), k, v);
    return { spec, batchState: startBatchEm(train, beta0, new Float64Array(k).fill(s.alpha0)), pos: 0, pass: 0, perm: null, scratch: null, lastBound: 0 };
  }
  const online = startOnline({ mode: spec.kind, k, v, kappa: spec.kappa, tau0: spec.tau0, docs: train.docs, eta: s.eta, alpha0: s.alpha0, learnAlpha: true, seed: s.seed });
  return { spec, online, pos: 0, pass: 0, perm: null, scratch: new Float64Array(k * v), lastBound: 0 };
}

/** The permutation of pass `pass` for a run (the same for every run of a race: they see the same documents). */
export function passPermutation(seed: number, pass: number, docs: number): Uint32Array {
  return permutation(createRng(seed * 7919 + pass + 1), docs);
}

/** Processes `n` documents; returns how many were processed (always n: passes wrap). */
export function advanceRun(r: Run, train: BowCorpus, n: number, seed: number): number {
  if (r.batchState) {
    let left = n;
    let bound = 0;
    while (left > 0) {
      const before = r.batchState.bound;
      const cursor = r.batchState.cursor;
      const done = advanceBatchEm(r.batchState, left);
      // the pass may have closed (M-step resets the running bound): take the closed pass's total
      const closed = r.batchState.cursor === 0 && done > 0 && cursor + done === train.docs;
      bound += closed ? r.batchState.bounds[r.batchState.bounds.length - 1] - before : r.batchState.bound - before;
      left -= done;
    }
    r.lastBound = bound / n;
    return n;
  }
  const o = r.online!;
  let left = n;
  let bound = 0;
  while (left > 0) {
    if (!r.perm) r.perm = passPermutation(seed, r.pass, train.docs);
    const b = Math.min(r.spec.batch, left, train.docs - r.pos);
    const res = onlineStep(o, train, r.perm.subarray(r.pos, r.pos + b), r.scratch!);
    bound += res.meanDocBound * b;
    r.pos += b;
    left -= b;
    if (r.pos === train.docs) {
      r.pos = 0;
      r.pass++;
      r.perm = null;
    }
  }
  r.lastBound = bound / n;
  return n;
}

/** The run's point estimate (β̂ [K*V], α̂). */
export function runEstimate(r: Run): { beta: Float64Array; alpha: Float64Array } {
  if (r.batchState) return { beta: r.batchState.beta, alpha: r.batchState.alpha };
  return { beta: onlineBeta(r.online!), alpha: r.online!.alpha };
}

/** Documents the run has processed. */
export function runSeen(r: Run, train: BowCorpus): number {
  if (r.batchState) return r.batchState.iterations * train.docs + r.batchState.cursor;
  return r.online!.seen;
}
