import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { decodeMeanImage, type DecoderWeights } from '../../../src/core/vae/decodeJs';
import { disposeWeights, initialParameters, weightsFromFlat, type VaeShape } from '../../../src/core/vae/model';
import { decodeMeans, decoderWeights } from '../../../src/core/vae/snapshot';

describe('decodeMeanImage (plain TypeScript decoder)', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('agrees with the tfjs decoder', async () => {
    const s: VaeShape = { inputDim: 30, hidden: 12, latent: 2, decoder: 'bernoulli', decoderStd: 0.1 };
    const rng = createRng(4);
    const thetaArr = initialParameters(s, rng);
    for (let i = 0; i < thetaArr.length; i++) thetaArr[i] += 0.1 * rng.normal();
    const theta = weightsFromFlat(thetaArr, s);
    const z = Float32Array.of(0.3, -1.2, 2, 0.5);
    const viaTf = await decodeMeans(theta, s, z);
    const w = (await decoderWeights(theta, s)) as unknown as DecoderWeights;
    for (let k = 0; k < 2; k++) {
      const js = decodeMeanImage(w, [z[2 * k], z[2 * k + 1]]);
      for (let d = 0; d < s.inputDim; d++) expect(js[d]).toBeCloseTo(viaTf[k * s.inputDim + d], 5);
    }
    disposeWeights(theta);
  });
});
