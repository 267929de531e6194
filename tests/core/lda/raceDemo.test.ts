import { describe, expect, it } from 'vitest';
import { nodeAssetLoader } from '../../../scripts/lab/run';
import { batchEmIteration, startBatchEm } from '../../../src/core/lda/batch';
import { topicProportions } from '../../../src/core/lda/heldout';
import { advanceRun, raceRuns, runEstimate, startRun } from '../../../src/core/lda/race';
import demo, { ldaRaceParams, loadSotu, type LdaRaceSnapshot } from '../../../src/core/lda/raceDemo';
import { restoreRun, runCheckpoint } from '../../../src/core/lda/raceCheckpoint';
import { normalizeRows, randomStats } from '../../../src/core/lda/topics';
import { defaultParams, type ParamValues } from '../../../src/core/params';

const loadAsset = nodeAssetLoader(process.cwd());
type P = ParamValues<typeof ldaRaceParams>;
const small: P = { ...defaultParams(ldaRaceParams), k: 4, batch: 64, evalDocs: 60, evalEvery: 256 };

describe('lda-race runs', () => {
  it('batch EM advanced in chunks of B is exactly one batch EM iteration per pass', async () => {
    const { train } = await loadSotu(loadAsset);
    const [spec] = raceRuns('algorithms', { batch: 1000, kappa: 0.7, tau0: 64 });
    const r = startRun(spec, train, { k: 3, alpha0: 0.5, seed: 4 });
    const ref = startBatchEm(train, normalizeRows(randomStats(3, train.vocab, 4, 1, 1), 3, train.vocab), new Float64Array(3).fill(0.5));
    let done = 0;
    while (done < train.docs) done += advanceRun(r, train, Math.min(1000, train.docs - done), 4);
    batchEmIteration(ref);
    const est = runEstimate(r);
    for (let i = 0; i < est.beta.length; i += 97) expect(est.beta[i]).toBe(ref.beta[i]);
    expect(Array.from(est.alpha)).toEqual(Array.from(ref.alpha));
    expect(r.batchState!.bounds).toEqual(ref.bounds);
  }, 120_000);

  it('each race compares what it says, and a stochastic run restored from its checkpoint continues identically', async () => {
    expect(raceRuns('kappa', { batch: 64, kappa: 0.7, tau0: 64 }).map((s) => s.kappa)).toEqual([1, 0.55, 0.75, 1]);
    expect(raceRuns('tau0', { batch: 64, kappa: 0.7, tau0: 64 }).map((s) => s.tau0).slice(1)).toEqual([1, 64, 1024]);
    expect(raceRuns('batch', { batch: 64, kappa: 0.7, tau0: 64 }).map((s) => s.batch)).toEqual([256, 16, 64, 256]);
    const { train } = await loadSotu(loadAsset);
    const spec = raceRuns('algorithms', { batch: 32, kappa: 0.7, tau0: 64 })[2];
    const a = startRun(spec, train, { k: 3, alpha0: 0.5, seed: 2 });
    advanceRun(a, train, 96, 2);
    const cp = runCheckpoint(a);
    advanceRun(a, train, 96, 2);
    const b = restoreRun(startRun(spec, train, { k: 3, alpha0: 0.5, seed: 2 }), cp);
    advanceRun(b, train, 96, 2);
    expect(Array.from(runEstimate(b).beta.subarray(0, 50))).toEqual(Array.from(runEstimate(a).beta.subarray(0, 50)));
    expect(b.online!.seen).toBe(192);
  });
});

describe('lda-race demo session', () => {
  it('steps every run by the same documents, scores them, shows topics as words and a passage\'s proportions on request', async () => {
    const s = await demo.create({ params: small, seed: 3, loadAsset });
    let m: Record<string, number> = {};
    for (let i = 0; i < 4; i++) m = await s.step();
    expect(m.seen).toBe(256);
    for (const v of Object.values(m)) expect(Number.isFinite(v)).toBe(true);
    const snap = (await s.snapshot({ resting: true })) as LdaRaceSnapshot;
    expect(snap.labels).toEqual(['batch EM', 'online EM', 'SVI']);
    expect(Array.from(snap.traceDocs)).toEqual([0, 256]);
    expect(snap.traceHeldOut[1][1]).toBeCloseTo(m.heldOut1, 12);
    expect(snap.topics[2]).toHaveLength(4);
    expect(snap.topics[2][0]).toHaveLength(8);
    expect(snap.topics[2][0].every((w) => /^[a-z]+$/.test(w))).toBe(true);
    expect(snap.choiceLabels).toHaveLength(8);
    expect(snap.choiceLabels[0]).toMatch(/^\d{4} /);
    s.setParams!({ doc: 700 });
    const snap2 = (await s.snapshot({ resting: true })) as LdaRaceSnapshot;
    expect(snap2.doc).toBe(700);
    const corpus = await loadSotu(loadAsset);
    // independent: the E-step on passage 700 with the estimate the snapshot's α comes from
    for (let i = 0; i < 3; i++) {
      const theta = snap2.docTheta[i];
      expect(theta.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      if (i === 0) {
        // batch EM has not finished a pass: its β is still the start, so θ̂ is the start's E-step
        const beta0 = normalizeRows(randomStats(4, corpus.train.vocab, 3, 1, 1), 4, corpus.train.vocab);
        const ref = topicProportions(corpus.test, 700, beta0, new Float64Array(4).fill(0.5));
        for (let j = 0; j < 4; j++) expect(theta[j]).toBeCloseTo(ref[j], 12);
      }
    }
    expect(snap2.docTheta[2]).not.toEqual(snap.docTheta[2]);
    s.dispose();
  });

  it('restores a checkpoint exactly and reports NaN when corrupted (the host then rolls back)', async () => {
    const s = await demo.create({ params: small, seed: 5, loadAsset });
    await s.step();
    const cp = await s.checkpoint();
    const m1 = [await s.step(), await s.step(), await s.step(), await s.step()];
    await s.restore(cp);
    const m2 = [await s.step(), await s.step(), await s.step(), await s.step()];
    for (let i = 0; i < 4; i++) for (const key of ['seen', 'bound0', 'heldOut0', 'heldOut1', 'heldOut2', 'bound1', 'bound2']) expect(m2[i][key]).toBe(m1[i][key]);
    s.corrupt!();
    const bad = await s.step();
    expect(Number.isFinite(bad.bound2)).toBe(false);
    expect(s.isDone!()).toBe(false);
  });
});
