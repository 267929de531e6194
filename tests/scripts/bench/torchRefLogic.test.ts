import { describe, expect, it } from 'vitest';
import { chooseCoretype, kernelCell, parseScriptJson, referenceRows, type BlasInfo, type ProbeOutcome, type TorchBench } from '../../../scripts/bench/torchRefLogic';

const openblas = (core: string, coretype: string | null): BlasInfo => ({
  libraries: ['/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3'],
  openblas: true,
  build_blas: 'generic',
  coretype_env: coretype,
  core,
  config: `OpenBLAS 0.3.21 DYNAMIC_ARCH ${core}`,
});
const netlib: BlasInfo = {
  libraries: ['/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3.11.0', '/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0'],
  openblas: false,
  build_blas: 'generic',
  coretype_env: 'Haswell',
};

function outcome(variant: string, blas: BlasInfo | null, minMs = 1, failure?: string): ProbeOutcome {
  if (!blas) return { variant, coretype: variant, failure };
  return {
    variant,
    coretype: variant === 'inherited' ? undefined : variant,
    probe: {
      python: '/usr/bin/python3',
      torch: '1.13.0',
      cpu_count: 2,
      threads: 1,
      blas,
      matmul_128x784x400: { median_ms: 2 * minMs, min_ms: minMs, reps: 100, gflop_per_s: 80.28 / minMs },
    },
  };
}

describe('torch_ref.py output', () => {
  it('reads the last JSON line and ignores what libraries print before it', () => {
    const out = 'Warning: something\n{"a": 1}\n{"b": [2, 3]}\n\n';
    expect(parseScriptJson<{ b: number[] }>(out)).toEqual({ b: [2, 3] });
  });

  it('says why when there is no JSON: the last line of stderr, or the stray output', () => {
    expect(() => parseScriptJson('', 'Traceback ...\nModuleNotFoundError: No module named torch\n')).toThrow(/No module named torch/);
    expect(() => parseScriptJson('{"truncated": ', '')).toThrow(/unexpected output: \{"truncated"/);
    expect(() => parseScriptJson('', '')).toThrow(/no output/);
  });
});

describe('choosing OPENBLAS_CORETYPE from probes', () => {
  it('keeps the inherited environment when torch does not use OpenBLAS, and says which BLAS it is', () => {
    const { chosen, reason } = chooseCoretype([outcome('inherited', netlib, 50)]);
    expect(chosen.variant).toBe('inherited');
    expect(reason).toMatch(/libblas\.so\.3\.11\.0, not OpenBLAS/);
  });

  it('switches to a variant that ran and is faster by more than the margin', () => {
    const { chosen, reason } = chooseCoretype([
      outcome('inherited', openblas('Haswell', 'Haswell'), 0.9),
      outcome('autodetect', openblas('Cooperlake', null), 0.5),
      outcome('SkylakeX', openblas('SkylakeX', 'SkylakeX'), 0.45),
    ]);
    expect(chosen.variant).toBe('SkylakeX');
    expect(reason).toMatch(/SkylakeX ran and was faster than the inherited environment's Haswell/);
    expect(reason).toMatch(/autodetect → Cooperlake 0\.500 ms/);
  });

  it('never picks a variant that crashed (SIGILL), and reports the crash', () => {
    const { chosen, reason } = chooseCoretype([outcome('inherited', openblas('Haswell', null), 0.9), outcome('SkylakeX', null, 0, 'killed by SIGILL')]);
    expect(chosen.variant).toBe('inherited');
    expect(reason).toMatch(/SkylakeX: killed by SIGILL/);
  });

  it('keeps the inherited environment when the gain is within the margin (noise)', () => {
    const { chosen } = chooseCoretype([outcome('inherited', openblas('SkylakeX', null), 0.5), outcome('SkylakeX', openblas('SkylakeX', 'SkylakeX'), 0.47)]);
    expect(chosen.variant).toBe('inherited');
  });

  it('needs the inherited probe', () => {
    expect(() => chooseCoretype([outcome('inherited', null, 0, 'exit 1')])).toThrow(/inherited environment gave no probe/);
  });
});

describe('report cells and ratios', () => {
  it('names the OpenBLAS core, or the library and that it is the unoptimized netlib BLAS', () => {
    expect(kernelCell(openblas('SkylakeX', 'SkylakeX'))).toMatch(/^OpenBLAS core SkylakeX .*OPENBLAS_CORETYPE=SkylakeX/);
    expect(kernelCell(netlib)).toMatch(/blas\/libblas\.so\.3\.11\.0 — the netlib reference BLAS, unoptimized \(not OpenBLAS/);
  });

  const timing = (stepMs: number, minMs: number) => ({ step_ms: stepMs, step_min_ms: minMs, reps: 20, matmul_only_ms: 1, matmul_gflop_per_s: 100, threads_in_effect: 1 });
  const bench: TorchBench = {
    python: 'python3',
    torch: '1.13',
    cpu_count: 2,
    blas: netlib,
    models: { vae: { '1': timing(10, 8), '2': timing(6, 5) } },
  };

  it('divides our step time by PyTorch\'s per thread count, medians and minima apart', () => {
    const rows = referenceRows('vae', bench, { node_wasm_step_ms: 47, node_wasm_step_min_ms: 40, browser_wasm_step_ms: 30, browser_webgl_error: 'x' });
    expect(rows.torch_1thread_vae_step_ms).toBe(10);
    expect(rows.torch_2thread_vae_step_min_ms).toBe(5);
    expect(rows.ratio_node_wasm_to_torch_1thread).toBeCloseTo(4.7, 12);
    expect(rows.ratio_node_wasm_to_torch_2thread).toBeCloseTo(47 / 6, 12);
    expect(rows.ratio_node_wasm_to_torch_1thread_of_minima).toBeCloseTo(5, 12);
    expect(rows.ratio_browser_wasm_to_torch_1thread).toBeCloseTo(3, 12);
    // no minimum measured in the browser, no ratio of minima; no row for a backend that failed
    expect(rows).not.toHaveProperty('ratio_browser_wasm_to_torch_1thread_of_minima');
    expect(Object.keys(rows).some((k) => k.includes('webgl'))).toBe(false);
  });

  it('says so when the script returned no timings for the model', () => {
    expect(referenceRows('ddm', bench, {})).toEqual({ torch_reference: 'torch_ref.py returned no ddm timings' });
  });
});
