/**
 * Keeps an expensive snapshot (a whole reverse chain, ELBO terms over all t) from starving
 * training: the host asks for snapshots every few tens of milliseconds, so while training runs a
 * fresh one is computed only after `spendRatio` (default SPEND_RATIO) × its own cost has passed;
 * in between the last one is returned. Snapshots then take at most about 1/(1 + spendRatio) of the
 * time. With no training step since the last snapshot ("New samples"), a fresh one is
 * always computed, and so it is when `fresh` (the run is at rest: paused, done, or its budget spent).
 */
const SPEND_RATIO = 4;

export class SnapshotThrottle<S> {
  private last: { value: S; at: number; cost: number; step: number } | null = null;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly spendRatio = SPEND_RATIO,
  ) {}

  async get(step: number, compute: () => Promise<S>, fresh = false): Promise<S> {
    const t = this.now();
    if (!fresh && this.last && this.last.step !== step && t - this.last.at < this.spendRatio * this.last.cost) return this.last.value;
    const value = await compute();
    const end = this.now();
    this.last = { value, at: end, cost: end - t, step };
    return value;
  }
}
