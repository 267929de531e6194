/**
 * Backend order, fallback and the timing probe, without tfjs: `backend.ts` feeds these the
 * real tfjs backends, the tests feed them fakes.
 */
import { BACKEND_NAMES, type BackendChoice, type BackendName, type BackendTimings } from './protocol';

/** The backends to try for `choice`, in order: it, then the ones after it (webgpu → webgl → wasm → cpu). */
export function fallbackChain(choice: BackendName, exclude: readonly BackendName[] = []): BackendName[] {
  return BACKEND_NAMES.slice(BACKEND_NAMES.indexOf(choice)).filter((n) => !exclude.includes(n));
}

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_NAMES as readonly string[]).includes(x);
}

export function parseBackendChoice(x: string | null | undefined): BackendChoice | null {
  return x === 'auto' || isBackendName(x) ? x : null;
}

export interface ProbeCandidate {
  name: BackendName;
  /** Makes the backend active; false (or a throw) when it cannot initialise here. */
  init(): Promise<boolean>;
  /** Untimed runs first (shader compilation, caches); default: the probe's `warmups`. */
  warmups?: number;
}

export interface ProbeOptions {
  candidates: ProbeCandidate[];
  /** One unit of representative work on the active backend, read back to the CPU. */
  workload(name: BackendName): Promise<void>;
  now?: () => number;
  warmups?: number;
  runs?: number;
  /** Stop timing a backend after this many ms of timed runs (slow backends get fewer runs). */
  budgetMs?: number;
  /** Stop timing a backend once a timed run is this many times slower than the best score so far. */
  giveUpFactor?: number;
  /**
   * The first run's extra cost (shader compilation: seconds for a real demo on software WebGL)
   * is charged as if spread over this many steps. Default 100.
   */
  amortizeFirstRunOver?: number;
}

/**
 * Times `workload` on each candidate that initialises (warm-up runs, which include shader
 * compilation, then up to `runs` timed runs within `budgetMs`) and picks the lowest score:
 * mean ms per timed run plus the first run's excess over it spread over `amortizeFirstRunOver`
 * steps. Measures rather than assumes: on a CPU-only machine software WebGL is usually slower
 * than wasm, and far slower to start.
 *
 * @returns the best backend and each candidate's score in ms per run (null: failed to start).
 */
export async function probeBackends(opts: ProbeOptions): Promise<{ best: BackendName; timings: BackendTimings }> {
  const {
    candidates,
    workload,
    now = () => performance.now(),
    runs = 5,
    budgetMs = 150,
    giveUpFactor = 3,
    amortizeFirstRunOver = 100,
  } = opts;
  const timings: BackendTimings = {};
  let best: BackendName | null = null;
  for (const { name, init, warmups = opts.warmups ?? 2 } of candidates) {
    try {
      if (!(await init())) {
        timings[name] = null;
        continue;
      }
      let firstMs: number | null = null;
      for (let i = 0; i < warmups; i++) {
        const t0 = now();
        await workload(name);
        firstMs ??= now() - t0;
      }
      const giveUpAt = best === null ? Infinity : giveUpFactor * (timings[best] as number);
      let total = 0;
      let done = 0;
      while (done < runs && (done === 0 || (total < budgetMs && total / done < giveUpAt))) {
        const t0 = now();
        await workload(name);
        total += now() - t0;
        done++;
      }
      const mean = total / done;
      const ms = mean + Math.max(0, (firstMs ?? mean) - mean) / amortizeFirstRunOver;
      timings[name] = ms;
      if (best === null || ms < (timings[best] as number)) best = name;
    } catch {
      timings[name] = null;
    }
  }
  if (best === null) throw new Error(`No tfjs backend could start (tried ${candidates.map((c) => c.name).join(', ')})`);
  return { best, timings };
}
