/**
 * Runs a widget kind's lab entry (scripts/lab/widgets.ts): a training widget's demo with the
 * widget's preset plus what the page computes from the final snapshot, or a main-thread
 * widget's figure computation. Settings are validated by the same param tables as the URL.
 */
import { loadDemo } from '../../src/core/registry';
import { parseParams } from '../../src/core/params';
import { useBackend } from '../../tests/support/tf';
import { runDemo, type LabResult } from './run';
import { isFigureEntry, type WidgetLabEntry } from './widgets';

export interface WidgetLabResult extends LabResult {
  widget: string;
}

export interface WidgetRunOptions {
  seed: number;
  steps: number | null;
  rawParams: Record<string, string>;
  backend: 'wasm' | 'cpu';
  root: string;
  every?: number;
  /** false skips the demo's own summary (the test's quick runs of the VAE widgets). */
  summarize?: boolean;
  onProgress?: Parameters<typeof runDemo>[1]['onProgress'];
}

export async function runWidgetEntry(kind: string, entry: WidgetLabEntry, opts: WidgetRunOptions): Promise<WidgetLabResult> {
  if (isFigureEntry(entry)) {
    const { values, notices } = parseParams(entry.figure.params, opts.rawParams);
    const t0 = performance.now();
    const readout = entry.figure.compute(values, opts.seed);
    const seconds = (performance.now() - t0) / 1000;
    return { widget: kind, demo: kind, seed: opts.seed, backend: 'none (plain TypeScript)', steps: 0, params: values, notices, metrics: {}, summary: {}, readout, seconds, stepsPerSecond: 0 };
  }
  const demo = await loadDemo(entry.demo);
  // The widget's own sliders (a readout's params) are split off; the rest go to the demo.
  const readoutNames = new Set(Object.keys(entry.readout?.params ?? {}));
  const demoRaw: Record<string, string> = Object.fromEntries(Object.entries(entry.preset ?? {}).map(([k, v]) => [k, String(v)]));
  const readoutRaw: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.rawParams)) (readoutNames.has(k) ? readoutRaw : demoRaw)[k] = v;
  const own = entry.readout?.params ? parseParams(entry.readout.params, readoutRaw) : { values: {}, notices: [] };
  const tf = demo.usesTf ? await useBackend(opts.backend) : null;
  const result = await runDemo(demo, {
    seed: opts.seed,
    steps: opts.steps,
    rawParams: demoRaw,
    backend: tf ? tf.getBackend() : 'none (plain TypeScript)',
    root: opts.root,
    every: opts.every,
    onProgress: opts.onProgress,
    summarize: opts.summarize,
    inspect: entry.readout ? async (session) => entry.readout!.read(await session.snapshot({ resting: true }), own.values) : undefined,
  });
  return { ...result, widget: kind, params: { ...result.params, ...own.values }, notices: [...result.notices, ...own.notices] };
}
