/**
 * Child process of tests/scripts/lab/ldaStream.test.ts: fits a corpus file exactly as
 * `npm run lab -- lda --corpus FILE` does (fitCorpusFile), sampling memory after a forced GC
 * every few minibatches, and prints the samples and the rate as JSON.
 *
 *   node --expose-gc --import tsx tests/support/ldaStreamMemory.ts FILE LEAK_BYTES_PER_BATCH
 *
 * LEAK_BYTES_PER_BATCH > 0 retains that many bytes per minibatch on purpose (half in a typed
 * array, half in a plain JS array): the test runs it to prove that the slope detector fires.
 */
import { fitCorpusFile, ldaStreamParams } from '../../scripts/lab/ldaStream';
import { defaultParams } from '../../src/core/params';

const [file, leakArg] = process.argv.slice(2);
const leakBytes = Number(leakArg ?? 0);
const retained: unknown[] = [];

const fit = await fitCorpusFile(
  { ...defaultParams(ldaStreamParams), corpus: file, seed: 1, k: 5, mode: 'vb', batch: 256, holdout: 500, shuffle: 2048, memoryEvery: 16 },
  {
    onBatch() {
      if (leakBytes > 0) {
        retained.push(new Float64Array(leakBytes / 16));
        retained.push(Array.from({ length: leakBytes / 16 }, (_, i) => i + 0.5));
      }
    },
  },
);
console.log(JSON.stringify({ memory: fit.memory, passes: fit.passes, trainDocs: fit.trainDocs, alpha: Array.from(fit.state.alpha), retained: retained.length }));
