/**
 * `npm run lab -- <demo | widget kind> [--name value ...] [--steps N] [--seed S] [--backend wasm|cpu] [--every K] [--json]`
 * `npm run lab -- make-weights classifier|vae|hvae|ddm-digits|ddm-unet|ddm-digits14|ddm-latent|ddm-moons [options]` (the shipped pretrained weights)
 * `npm run lab -- ddm-latent|vae|ddm-unet|ddm-digits|ddm-digits14[-ddim] --samples N --out FILE.npy [--seed S]` (samples for Python; scripts/lab/samples.ts)
 * `npm run lab -- lda --corpus FILE [options]` (LDA streamed from a text file, one document per line)
 *
 * Runs any demo of the book headlessly in Node and prints the numbers its widget shows. A widget
 * kind (scripts/lab/widgets.ts) runs that widget's entry: its demo with the widget's preset and
 * what the page computes from the result, or, for a widget without a training run, its figure.
 * It is how figures are reproduced and how shipped pretrained weights are made.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParamTable } from '../src/core/params';
import { demoRegistry, loadDemo } from '../src/core/registry';
import { useBackend } from '../tests/support/tf';
import { parseLabArgs } from './lab/args';
import { formatTable, runDemo, type LabResult } from './lab/run';
import { runWidgetEntry } from './lab/runWidget';
import { isFigureEntry, widgetLabEntries, type WidgetLabEntry } from './lab/widgets';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const WEIGHT_MAKERS: Record<string, (args: readonly string[]) => Promise<void>> = {
  classifier: async (args) => (await import('./lab/weights/classifier')).makeClassifierWeights(args),
  vae: async (args) => (await import('./lab/weights/vae')).makeVaeWeights(args),
  hvae: async (args) => (await import('./lab/weights/hvae')).makeHvaeWeights(args),
  'ddm-digits': async (args) => (await import('./lab/weights/ddmPixels')).makeDdmPixelWeights(args),
  'ddm-unet': async (args) => (await import('./lab/weights/ddmUnet')).makeDdmUnetWeights(args),
  'ddm-digits14': async (args) => (await import('./lab/weights/ddmDigits')).makeDdmDigitWeights(args),
  'ddm-latent': async (args) => (await import('./lab/weights/ddmLatent')).makeDdmLatentWeights(args),
  'ddm-moons': async (args) => (await import('./lab/weights/ddmMoons')).makeDdmMoonsWeights(args),
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'make-weights') {
    const make = WEIGHT_MAKERS[argv[1]];
    if (!make) throw new Error(`usage: npm run lab -- make-weights ${Object.keys(WEIGHT_MAKERS).join('|')} [options]`);
    return make(argv.slice(2));
  }
  if (argv[0] === 'lda') return (await import('./lab/ldaStream')).runLdaStream(argv.slice(1));
  const opts = parseLabArgs(argv);
  if (opts.params.samples !== undefined && opts.demo !== null) {
    const { writeSamples } = await import('./lab/samples');
    const file = await writeSamples({ demo: opts.demo, samples: opts.params.samples, out: opts.params.out, seed: opts.seed, backend: opts.backend, root });
    console.log(`wrote ${opts.params.samples} samples of ${opts.demo} (float32, ${opts.params.samples}×784, [0, 1]) to ${file}`);
    return;
  }
  if (opts.help || opts.demo === null) {
    console.log('usage: npm run lab -- <demo> [--name value ...] [--steps N] [--seed S] [--backend wasm|cpu] [--json]');
    console.log('       npm run lab -- lda --corpus FILE [--vocab sotu|build] [--k 10] [--mode vb|em] [--kappa 0.7] [--tau0 64] [--batch 256] [--passes 1] [--json]   (LDA streamed from disk)');
    console.log(`       npm run lab -- make-weights ${Object.keys(WEIGHT_MAKERS).join('|')} [options]   (the shipped pretrained weights)`);
    console.log('       npm run lab -- ddm-latent|vae|ddm-unet|ddm-digits|ddm-digits14[-ddim] --samples N --out FILE.npy [--seed S]   (samples as NumPy float32 N×784)\n');
    console.log('widget kinds (what each figure shows):');
    for (const [kind, entry] of Object.entries(widgetLabEntries) as [string, WidgetLabEntry][]) {
      const what = isFigureEntry(entry) ? `main-thread figure: ${entry.figure.title}` : `demo ${entry.demo}${'preset' in entry && entry.preset ? ` with ${JSON.stringify(entry.preset)}` : ''}`;
      console.log(`  ${kind.padEnd(22)} ${what}`);
      if (isFigureEntry(entry)) printParams(entry.figure.params);
      else if (entry.readout?.params) printParams(entry.readout.params);
    }
    console.log('\ndemos:');
    for (const id of Object.keys(demoRegistry)) {
      const demo = await loadDemo(id);
      console.log(`  ${id.padEnd(22)} ${demo.title}`);
      printParams(demo.params);
    }
    process.exitCode = opts.help ? 0 : 1;
    return;
  }
  const onProgress = opts.json
    ? undefined
    : (step: number, m: Record<string, number>) => console.log(`step ${step}  ${Object.entries(m).map(([k, v]) => `${k}=${v.toPrecision(5)}`).join('  ')}`);
  const entry = (widgetLabEntries as Record<string, WidgetLabEntry>)[opts.demo];
  let result: LabResult;
  let title: string;
  if (entry) {
    result = await runWidgetEntry(opts.demo, entry, { seed: opts.seed, steps: opts.steps, rawParams: opts.params, backend: opts.backend, root, every: opts.every, onProgress });
    title = isFigureEntry(entry) ? entry.figure.title : `widget ${opts.demo}, demo ${(await loadDemo(entry.demo)).title}`;
  } else {
    const demo = await loadDemo(opts.demo);
    const tf = demo.usesTf ? await useBackend(opts.backend) : null;
    result = await runDemo(demo, {
      seed: opts.seed,
      steps: opts.steps,
      rawParams: opts.params,
      backend: tf ? tf.getBackend() : 'none (plain TypeScript)',
      root,
      every: opts.every,
      onProgress,
    });
    title = `${demo.title} (${demo.id})`;
  }
  for (const n of result.notices) console.error(`notice: --${n.name}: ${n.reason}`);
  if (opts.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`\n${title}, seed ${result.seed}, backend ${result.backend}`);
  console.log(formatTable([
    ['steps', result.steps],
    ['seconds', result.seconds],
    ['steps/s', result.stepsPerSecond],
    ...Object.entries(result.params).map(([k, v]) => [`param ${k}`, v] as [string, unknown]),
    ...Object.entries(result.metrics).map(([k, v]) => [`final ${k}`, v] as [string, unknown]),
    ...Object.entries(result.summary).map(([k, v]) => [k, v] as [string, unknown]),
    ...Object.entries(result.readout ?? {}).map(([k, v]) => [k, v] as [string, unknown]),
  ]));
}

function printParams(params: ParamTable): void {
  for (const [name, spec] of Object.entries(params)) {
    const range = spec.kind === 'number' || spec.kind === 'int' ? ` [${spec.min}, ${spec.max}]` : spec.kind === 'select' ? ` {${spec.options.join('|')}}` : '';
    console.log(`      --${name.padEnd(18)} ${spec.label}${range} (default ${spec.default})`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
