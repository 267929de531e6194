/**
 * The worker host's tfjs backend (./workerHost.ts): activates one through `BackendControl`
 * (`backend.ts` in the browser), remembers the backends whose GPU context was lost so that no run
 * goes back to them, and watches the active GPU backend for a lost context: by its loss event and
 * by polling `isLost()` (a step stuck on a dead context never returns), tripping a gate that
 * session calls race against.
 */
import type { BackendChoice, BackendName, BackendTimings } from './protocol';

/** The tfjs backend as the host needs it; `backend.ts` implements it in the browser. */
export interface BackendControl {
  /**
   * Makes a backend active: `choice` or, when it is excluded or fails to initialise, the next
   * one in the order webgpu → webgl → wasm → cpu. 'auto' probes the non-excluded ones.
   */
  activate(
    choice: BackendChoice,
    exclude: readonly BackendName[],
    opts?: { threads?: boolean },
  ): Promise<{ backend: BackendName; probe?: BackendTimings; threads?: number }>;
  /**
   * Runs a batch of a multi-threaded backend's steps holding the page's cores, so that threaded
   * workers take turns instead of oversubscribing (src/runtime/threads.ts). Optional.
   */
  shareCores?<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the active backend's GPU context or device is gone. */
  isLost(): boolean;
  /** Calls `onLost` when the active backend loses its GPU context; returns an unsubscribe. */
  watchLoss(onLost: () => void): () => void;
  /** Debug: makes the active GPU backend lose its context; false when there is none to lose. */
  loseContext(): boolean;
}

export class BackendLostError extends Error {
  constructor() {
    super('The GPU context was lost');
  }
}

const GPU_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl'];

export const BACKEND_LABEL: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly (wasm)',
  cpu: 'plain JavaScript (cpu)',
};

/** A promise that rejects when the active GPU backend is lost; raced against session calls. */
function createLossGate(): { promise: Promise<never>; trip: () => void } {
  let trip = () => {};
  const promise = new Promise<never>((_, reject) => {
    trip = () => reject(new BackendLostError());
  });
  promise.catch(() => {}); // nobody may be racing it when it trips
  return { promise, trip };
}

export class HostBackend {
  private control: BackendControl | null = null;
  /** The active backend; null until a demo that uses tfjs starts. */
  active: BackendName | null = null;
  /** Whether the current demo asked for wasm threads (DemoDefinition.threads). */
  wantThreads = false;
  /** The active backend's thread count (wasm), 1 otherwise. */
  threads = 1;
  /** A loss was noticed and the move to another backend has not run yet. */
  lossPending = false;
  private readonly lostBackends = new Set<BackendName>();
  private lossGate = createLossGate();
  private unwatchLoss: (() => void) | null = null;
  /** Polls `isLost()` while on a GPU backend: a step stuck on a dead context never returns. */
  private lossPoll: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly load: (() => Promise<BackendControl>) | undefined,
    private readonly lossPollMs: number,
    private readonly onLost: () => void,
  ) {}

  onGpu(): boolean {
    return this.active !== null && GPU_BACKENDS.includes(this.active);
  }

  /** True when the active backend is a GPU backend whose context is gone. */
  isLost(): boolean {
    return this.onGpu() && this.control?.isLost() === true;
  }

  /** Debug: loses the active GPU backend's context; false when there is none to lose. */
  loseContext(): boolean {
    return this.control !== null && this.onGpu() && this.control.loseContext();
  }

  /** The backend's `shareCores` when it runs several threads, else undefined. */
  coreSharing(): (<T>(fn: () => Promise<T>) => Promise<T>) | undefined {
    return this.threads > 1 ? this.control?.shareCores?.bind(this.control) : undefined;
  }

  /** `p`, or a BackendLostError as soon as the active GPU backend is lost. */
  race<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.lossGate.promise]);
  }

  /** Fails every call racing the gate now. */
  trip(): void {
    this.lossGate.trip();
  }

  stopWatching(): void {
    this.unwatchLoss?.();
    this.unwatchLoss = null;
    if (this.lossPoll !== null) clearInterval(this.lossPoll);
    this.lossPoll = null;
  }

  /** Marks the active backend lost and stops watching it. @returns it, or null when there is no loss to recover from */
  beginRecovery(): BackendName | null {
    if (!this.lossPending || !this.control || !this.active) return null;
    const lost = this.active;
    this.lostBackends.add(lost);
    this.stopWatching();
    return lost;
  }

  async activate(choice: BackendChoice): Promise<{ backend: BackendName; probe?: BackendTimings; threads?: number }> {
    this.control ??= await (this.load ?? (() => Promise.reject(new Error('no tfjs backend was provided to the worker'))))();
    const result = await this.control.activate(choice, [...this.lostBackends], { threads: this.wantThreads });
    this.active = result.backend;
    this.threads = result.threads ?? 1;
    this.lossGate = createLossGate();
    this.lossPending = false;
    this.stopWatching();
    const control = this.control;
    this.unwatchLoss = control.watchLoss(() => this.onLost());
    if (GPU_BACKENDS.includes(result.backend)) {
      this.lossPoll = setInterval(() => {
        if (control.isLost()) this.onLost();
      }, this.lossPollMs);
    }
    return result;
  }
}
