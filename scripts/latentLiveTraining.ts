/**
 * How long 'ddm-latent' takes to train from scratch, live, to samples that look like digits: a
 * fresh session at the widget's settings (or those given) is stepped as the widget steps it, and at
 * checkpoints the yardstick (src/core/metrics/yardstick.ts) scores `n` decoded samples, next to the
 * shipped weights' score on the same number of samples. Training time is the steps' own wall time
 * (scoring excluded), on Node's wasm backend, single-threaded.
 *   nice -n 10 npx tsx scripts/latentLiveTraining.ts [--n 500] [--at 250,500,1000,2000,3000] [--lr 3e-3] [--width 128] [--steps 1000] [--T 100] [--batch 128] [--schedule cosine] [--seed 1]
 */
import { createLatentSession, ddmLatentParams, type DdmLatentParams } from '../src/core/diffusion/latentDemo';
import { loadYardstick } from '../src/core/metrics/yardstick';
import { defaultParams, type ParamValues } from '../src/core/params';
import { createRng } from '../src/core/random';
import { useBackend } from '../tests/support/tf';
import { hostRun } from './latentLiveHost';
import { nodeAssetLoader } from './lab/run';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  await useBackend('wasm');
  const load = nodeAssetLoader(process.cwd());
  const n = Number(flag('n') ?? 500);
  const base = defaultParams(ddmLatentParams);
  const params: ParamValues<DdmLatentParams> = {
    ...base,
    pretrained: false,
    lr: Number(flag('lr') ?? base.lr),
    width: Number(flag('width') ?? base.width),
    steps: Number(flag('steps') ?? base.steps),
    T: Number(flag('T') ?? base.T),
    batch: Number(flag('batch') ?? base.batch),
    schedule: (flag('schedule') ?? base.schedule) as ParamValues<DdmLatentParams>['schedule'],
  };
  const seed = Number(flag('seed') ?? 1);
  const at = (flag('at') ?? '250,500,1000,2000,3000')
    .split(',')
    .map(Number)
    .filter((s) => s <= params.steps);
  const yardstick = await loadYardstick(load);
  const shipped = await createLatentSession({ ...base, pretrained: true }, 1, load);
  const ref = await yardstick.score(await shipped.sampleDigits(n, createRng(77)), n);
  shipped.dispose();
  console.log(`settings ${JSON.stringify({ lr: params.lr, width: params.width, steps: params.steps, T: params.T, batch: params.batch, schedule: params.schedule, seed })}`);
  console.log(`shipped weights: confident ${ref.confident.toFixed(3)} entropy ${ref.labelEntropy.toFixed(3)} Fréchet ${ref.frechet.toFixed(2)} (n = ${n})`);
  if (process.argv.includes('--host')) {
    const run = await hostRun(params, seed, load);
    const s = await yardstick.score(await run.session.sampleDigits(n, createRng(77)), n);
    const pct = (ms: number) => `${((100 * ms) / run.wallMs).toFixed(0)}%`;
    console.log(
      `host: ${run.steps} steps, ready → done ${(run.wallMs / 1000).toFixed(1)} s (creating the session ${(run.createMs / 1000).toFixed(1)} s before that): ` +
        `steps ${(run.stepMs / 1000).toFixed(1)} s (${pct(run.stepMs)}, median ${run.medianStepMs.toFixed(1)} ms), ` +
        `${run.snapshotsComputed} snapshots computed ${(run.snapshotMs / 1000).toFixed(1)} s (${pct(run.snapshotMs)}; ${run.snapshotsPosted} posted), ` +
        `${run.checkpoints} checkpoints ${(run.checkpointMs / 1000).toFixed(1)} s (${pct(run.checkpointMs)})`,
    );
    console.log(`host: confident ${s.confident.toFixed(3)} entropy ${s.labelEntropy.toFixed(3)} Fréchet ${s.frechet.toFixed(2)}`);
    run.dispose();
    yardstick.dispose();
    return;
  }
  const session = await createLatentSession(params, seed, load);
  let trainMs = 0;
  const stepMs: number[] = [];
  for (const target of at) {
    while (session.stepsDone < target) {
      const t0 = performance.now();
      await session.step();
      const dt = performance.now() - t0;
      trainMs += dt;
      stepMs.push(dt);
    }
    const s = await yardstick.score(await session.sampleDigits(n, createRng(77)), n);
    const median = [...stepMs].sort((a, b) => a - b)[Math.floor(stepMs.length / 2)];
    console.log(
      `step ${String(target).padStart(5)}  train ${(trainMs / 1000).toFixed(1)} s (median ${median.toFixed(1)} ms/step → ${((median * target) / 1000).toFixed(1)} s)  ` +
        `confident ${s.confident.toFixed(3)} entropy ${s.labelEntropy.toFixed(3)} Fréchet ${s.frechet.toFixed(2)}`,
    );
  }
  session.dispose();
  yardstick.dispose();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
