/**
 * `npm run lab -- <demo> --samples N --out FILE.npy`: the file reads back (with the book's reader
 * and, where present, with NumPy) as float32 N×784 in [0, 1]; it holds digit-like images (ink on
 * a background, rows that differ); the same seed gives the same file; bad requests are refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DEMOS, writeSamples } from '../../../scripts/lab/samples';
import { decodeNpyFloat32 } from '../../../src/core/data/npy';
import { drawSampleSet } from '../../../src/core/diffusion/sampleSets';
import { UNET_WEIGHTS_PATH } from '../../../src/core/diffusion/unetWeights';
import { nodeAssetLoader } from '../../../scripts/lab/run';
import { pythonWithNumpy } from '../../support/python';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'lab-samples-'));
const N = 6;
// The U-Net's weights ship once its run ends (the lead's step); until then its two entries wait for the file.
const unetShipped = existsSync(path.join(root, 'public', UNET_WEIGHTS_PATH));
const demos = Object.keys(SAMPLE_DEMOS).filter((d) => unetShipped || !d.startsWith('ddm-unet'));

describe('lab --samples', () => {
  it('offers every pixel model by both samplers, the U-Net included', () => {
    expect(Object.keys(SAMPLE_DEMOS).sort()).toEqual(
      ['ddm-latent', 'vae', 'ddm-unet', 'ddm-unet-ddim', 'ddm-digits', 'ddm-digits-ddim', 'ddm-digits14', 'ddm-digits14-ddim'].sort(),
    );
  });

  it.each(demos)('%s writes N×784 float32 digits in [0, 1], the same for the same seed', async (demo) => {
    const out = path.join(dir, `${demo}.npy`);
    await writeSamples({ demo, samples: String(N), out, seed: 3, backend: 'wasm', root });
    const { data, rows, cols } = decodeNpyFloat32(readFileSync(out));
    expect([rows, cols]).toEqual([N, 784]);
    expect(data.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let i = 0; i < N; i++) {
      const row = data.subarray(i * 784, (i + 1) * 784);
      const ink = row.filter((v) => v > 0.5).length / 784;
      expect(ink, `${demo} row ${i}`).toBeGreaterThan(0.02); // strokes …
      expect(ink, `${demo} row ${i}`).toBeLessThan(0.5); // … on a dark background
    }
    expect(Array.from(data.subarray(0, 784))).not.toEqual(Array.from(data.subarray(784, 2 * 784)));
    const again = path.join(dir, `${demo}-again.npy`);
    await writeSamples({ demo, samples: String(N), out: again, seed: 3, backend: 'wasm', root });
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  }, 300_000);

  it('the DDIM entries write the yardstick’s DDIM rows: the file’s floats are drawSampleSet’s, row-major after a 128-byte header', async () => {
    const out = path.join(dir, 'rows.npy');
    await writeSamples({ demo: 'ddm-digits14-ddim', samples: '3', out, seed: 5, backend: 'wasm', root });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    expect(bytes.length).toBe(128 + 3 * 784 * 4);
    const want = await drawSampleSet('pixel14-ddim', 3, 5, nodeAssetLoader(root));
    const got = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 128, bytes.byteOffset + bytes.length));
    expect(Array.from(got)).toEqual(Array.from(want));
  }, 120_000);

  const py = pythonWithNumpy();
  it.skipIf(!py)('NumPy reads the file as float32 (N, 784) in [0, 1]', async () => {
    const out = path.join(dir, 'numpy.npy');
    await writeSamples({ demo: 'vae', samples: '5', out, seed: 1, backend: 'wasm', root });
    const script = 'import json,sys,numpy as np; a=np.load(sys.argv[1]); print(json.dumps({"dtype": str(a.dtype), "shape": list(a.shape), "min": float(a.min()), "max": float(a.max())}))';
    const r = JSON.parse(execFileSync(py!, ['-c', script, out], { encoding: 'utf8' }));
    expect(r.dtype).toBe('float32');
    expect(r.shape).toEqual([5, 784]);
    expect(r.min).toBeGreaterThanOrEqual(0);
    expect(r.max).toBeLessThanOrEqual(1);
  }, 120_000);

  it('refuses a demo without samples, a bad count and a missing --out', async () => {
    const base = { seed: 1, backend: 'wasm' as const, root };
    await expect(writeSamples({ ...base, demo: 'em-gmm', samples: '4', out: 'x.npy' })).rejects.toThrow(/works for ddm-latent, vae, ddm-unet, ddm-unet-ddim, ddm-digits, ddm-digits-ddim, ddm-digits14, ddm-digits14-ddim/);
    await expect(writeSamples({ ...base, demo: 'vae', samples: '0', out: 'x.npy' })).rejects.toThrow(/whole number/);
    await expect(writeSamples({ ...base, demo: 'vae', samples: '4', out: undefined })).rejects.toThrow(/--out FILE\.npy/);
    await expect(writeSamples({ ...base, demo: 'vae', samples: '4', out: 'x.csv' })).rejects.toThrow(/--out FILE\.npy/);
  });
});
