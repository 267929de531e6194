/**
 * The page-wide answer to the 'auto' backend choice (./trainingClient.ts).
 */
import type { BackendName } from './protocol';

/**
 * One worker probes, the others wait for its result. If that worker never probes (a demo
 * without tfjs) or fails, the next waiter probes instead.
 */
export class SharedBackendProbe {
  private known: BackendName | null = null;
  private pending: { promise: Promise<void>; settle: () => void } | null = null;

  /** A known backend, or `probe` (the caller probes and must `resolve`/`abandon`), or a promise to wait for. */
  acquire(): { backend: BackendName } | { probe: true } | { wait: Promise<void> } {
    if (this.known) return { backend: this.known };
    if (this.pending) return { wait: this.pending.promise };
    let settle = () => {};
    const promise = new Promise<void>((resolve) => (settle = resolve));
    this.pending = { promise, settle };
    return { probe: true };
  }

  resolve(backend: BackendName): void {
    this.known = backend;
    this.settle();
  }

  abandon(): void {
    this.settle();
  }

  private settle(): void {
    const p = this.pending;
    this.pending = null;
    p?.settle();
  }
}

/** The probe result shared by every widget on the page. */
export const pageBackendProbe = new SharedBackendProbe();
