/**
 * Kernels per training step on the wasm backend (tf.profile), pinned by upper bounds: on wasm each
 * kernel costs ~20 µs whatever its size (issue #12), so a change that adds ops to a step fails here
 * and has to raise the bound on purpose. Measured on the wasm backend of this repository; the counts
 * do not depend on the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ddmParams } from '../../../src/core/diffusion/ddmParams';
import { DdmSession } from '../../../src/core/diffusion/ddmSession';
import { defaultParams } from '../../../src/core/params';
import { DEFAULT_SCHEDULE, PRETRAINED_SHAPES } from '../../../src/core/vae/pretrained';
import { VaeTrainer } from '../../../src/core/vae/trainer';
import { kernelsPerStep } from '../../../scripts/bench/opCount';
import { useBackend } from '../../support/tf';

/**
 * The 2-D DDM step went from 141 to 70 kernels in 814f65a (flat-buffer Adam, inputs built on the
 * host); 62 with the fused products called on the matrices themselves (src/core/math/dense.ts:
 * 12 reshapes fewer) and the bias gradients as [1, B]·[B, n] products instead of Sum over axis 0
 * (which transposes on wasm; each column sum adds a reshape back to [n]); 54 with Adam's flatten
 * and split back as one copy kernel each (src/runtime/wasmFlatCopy.ts: 10 kernels became 2); 48 with
 * the parameters updated flat (flatten, one Sub, the split instead of a Sub per tensor); 44 with the
 * bias gradients handed to Adam as the column-sum products' rows [1, n] (no reshape to [n]); 40 with
 * each layer's weight and bias gradients from one product [hᵀ; 1]·δ (src/core/math/dense.ts's
 * transposeWithOnes: the column sums gone, the transposes one kernel each as before); 38 with the
 * reported loss summed on the host from ε_θ − ε read back (no Square and Mean).
 */
const DDM_MAX_KERNELS = 38;
/**
 * The default VAE step (784-400-20, batch 128): 161 kernels at 8b694f9; 157 since the KL part of
 * the gradient takes its scale as a number and halves once (bit-identical gradients); 104 with the
 * shared flat-buffer Adam (src/core/math/adam.ts: 80 kernels of per-tensor updates became 27);
 * 92 with the fused products called on the matrices (src/core/math/dense.ts: 12 reshapes fewer);
 * 84 with Adam's flatten and split back as one copy kernel each (src/runtime/wasmFlatCopy.ts); 78
 * with the parameters updated flat (src/core/math/adam.ts); 70 with each layer's weight and bias
 * gradients from one product [inᵀ; 1]·δ (four column sums and their reshapes to [n] gone); 61 with
 * the reported KL taken on the host from the encoder output read back (without free bits the
 * gradient does not need it: eight kernels and the stack of the two reported terms gone).
 */
const VAE_MAX_KERNELS = 61;

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('wasm');
});

describe('kernels per training step (wasm)', () => {
  const disposers: (() => void)[] = [];
  afterAll(() => disposers.forEach((d) => d()));

  it(`the 2-D DDM step at the demo's defaults runs at most ${DDM_MAX_KERNELS} kernels, and no more than one step's worth`, async () => {
    const session = new DdmSession(defaultParams(ddmParams), 1);
    disposers.push(() => session.dispose());
    await session.trainStep();
    const c = await kernelsPerStep(() => session.trainStep());
    expect(c.total).toBeLessThanOrEqual(DDM_MAX_KERNELS);
    // The count is of real work: the 4 forward products (fused with bias and ReLU) and the
    // 3 + 4 backward products of a 3-hidden-layer MLP are all there (the bias gradients within the
    // weight gradients' products, whose inputs come transposed with a ones row, 3 on the device).
    const calls = new Map(c.byName);
    expect(calls.get('_FusedMatMul')).toBe(4);
    expect(calls.get('BatchMatMul')).toBe(7);
    expect(calls.get('TransposeOnesRow')).toBe(3);
    expect(calls.has('Sum')).toBe(false);
    // nor any Reshape: the layers are fused on the matrices and the bias gradients stay rows
    expect(calls.has('Reshape')).toBe(false);
    // the loss is summed on the host: no Mean (and one Square, Adam's g²)
    expect(calls.has('Mean')).toBe(false);
    expect(calls.get('Square')).toBe(1);
    // Wrappers without a kernel (fusedMatMul__op) are not counted.
    expect(calls.has('fusedMatMul__op')).toBe(false);
  });

  it(`the default VAE step runs at most ${VAE_MAX_KERNELS} kernels`, async () => {
    const shape = PRETRAINED_SHAPES.default;
    const D = shape.inputDim;
    const train = Float32Array.from({ length: 2 * DEFAULT_SCHEDULE.batchSize * D }, (_, i) => ((i * 7919) % 256) / 255);
    const trainer = new VaeTrainer(shape, DEFAULT_SCHEDULE, train, 1);
    disposers.push(() => trainer.dispose());
    await trainer.trainStep();
    const before = tf.memory().numTensors;
    const c = await kernelsPerStep(() => trainer.trainStep());
    expect(tf.memory().numTensors).toBe(before);
    expect(c.total).toBeLessThanOrEqual(VAE_MAX_KERNELS);
    // 4 forward products (fused) + 7 backward products (the bias gradients within the weight gradients').
    const calls = new Map(c.byName);
    expect(calls.get('_FusedMatMul')).toBe(4);
    expect(calls.get('BatchMatMul')).toBe(7);
    expect(calls.get('TransposeOnesRow')).toBe(3);
    // the KL is reported from the host (no Pack of the two terms; one Exp, σ's)
    expect(calls.has('Pack')).toBe(false);
    expect(calls.get('Exp')).toBe(1);
  });
});
