import { describe, expect, it } from 'vitest';
import { fallbackChain, parseBackendChoice, probeBackends, type ProbeCandidate } from '../../src/runtime/backendChoice';
import type { BackendName } from '../../src/runtime/protocol';

/**
 * Fake backends: each workload run advances a fake clock by that backend's cost
 * ([first, rest] for a backend whose first run compiles shaders).
 */
function fakes(costs: Partial<Record<BackendName, number | [number, number] | 'fails' | 'throws'>>) {
  let clock = 0;
  let active: BackendName | null = null;
  const counts: Record<string, number> = {};
  const candidates: ProbeCandidate[] = (Object.keys(costs) as BackendName[]).map((name) => ({
    name,
    async init() {
      if (costs[name] === 'throws') throw new Error(`${name} exploded`);
      if (costs[name] === 'fails') return false;
      active = name;
      return true;
    },
  }));
  return {
    candidates,
    counts,
    now: () => clock,
    async workload(name: BackendName) {
      expect(active).toBe(name);
      counts[name] = (counts[name] ?? 0) + 1;
      const cost = costs[name] as number | [number, number];
      clock += typeof cost === 'number' ? cost : counts[name] === 1 ? cost[0] : cost[1];
    },
  };
}

describe('probeBackends', () => {
  it('picks the fastest backend that initialises, and reports every timing', async () => {
    const f = fakes({ webgpu: 'fails', webgl: 9, wasm: 2, cpu: 30 });
    const result = await probeBackends({ ...f, warmups: 2, runs: 5, budgetMs: 1000 });
    expect(result.best).toBe('wasm');
    expect(result.timings).toEqual({ webgpu: null, webgl: 9, wasm: 2, cpu: 30 });
    // 2 warm-ups + 5 timed runs, except cpu: its first timed run was over 3× the best mean.
    expect(f.counts).toEqual({ webgl: 7, wasm: 7, cpu: 3 });
  });

  it('honours per-candidate warm-up counts', async () => {
    const f = fakes({ webgl: 9, wasm: 2 });
    f.candidates[1].warmups = 0;
    await probeBackends({ ...f, warmups: 3, runs: 2, budgetMs: 1000 });
    expect(f.counts).toEqual({ webgl: 5, wasm: 2 });
  });

  it('skips a backend whose initialisation throws', async () => {
    const f = fakes({ webgpu: 'throws', webgl: 1, wasm: 2 });
    const result = await probeBackends({ ...f });
    expect(result.best).toBe('webgl');
    expect(result.timings.webgpu).toBeNull();
  });

  it('measures rather than assumes: a slow GPU backend loses to wasm', async () => {
    const f = fakes({ webgl: 40, wasm: 5 }); // software WebGL on a CPU-only machine
    expect((await probeBackends({ ...f })).best).toBe('wasm');
  });

  it('charges a slow first run (shader compilation) spread over 100 steps', async () => {
    const f = fakes({ webgl: [2009, 9], wasm: 10 });
    const result = await probeBackends({ ...f });
    expect(result.timings.webgl).toBeCloseTo(9 + 2000 / 100, 10);
    expect(result.best).toBe('wasm');
    const g = fakes({ webgl: [305, 5], wasm: 10 }); // a real GPU: 5 + 300/100 < 10
    expect((await probeBackends({ ...g })).best).toBe('webgl');
  });

  it('gives a slow backend fewer timed runs within the budget', async () => {
    const f = fakes({ wasm: 1, cpu: 100 });
    await probeBackends({ ...f, warmups: 1, runs: 5, budgetMs: 150, giveUpFactor: Infinity });
    expect(f.counts.wasm).toBe(6);
    expect(f.counts.cpu).toBe(3); // 1 warm-up, then 2 timed runs reach the budget
  });

  it('fails clearly when nothing initialises', async () => {
    const f = fakes({ webgl: 'fails', wasm: 'throws' });
    await expect(probeBackends({ ...f })).rejects.toThrow(/No tfjs backend could start \(tried webgl, wasm\)/);
  });
});

describe('backend choice helpers', () => {
  it('falls back in the order webgpu → webgl → wasm → cpu, skipping excluded ones', () => {
    expect(fallbackChain('webgl')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(fallbackChain('webgl', ['webgl'])).toEqual(['wasm', 'cpu']);
    expect(fallbackChain('webgpu', ['webgl'])).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(fallbackChain('cpu')).toEqual(['cpu']);
  });

  it('parses a reader-supplied backend name', () => {
    expect(parseBackendChoice('webgl')).toBe('webgl');
    expect(parseBackendChoice('auto')).toBe('auto');
    expect(parseBackendChoice('WebGL')).toBeNull();
    expect(parseBackendChoice('tpu')).toBeNull();
    expect(parseBackendChoice(null)).toBeNull();
  });
});
