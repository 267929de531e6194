/**
 * Runs one demo headlessly: the same DemoDefinition a widget drives in the worker, stepped
 * here in Node, with the same finite-metrics check the worker applies.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { allFinite, type DemoDefinition, type Metrics, type TrainingSession } from '../../src/core/demo';
import { parseParams, type ParamNotice } from '../../src/core/params';

export interface LabResult {
  demo: string;
  seed: number;
  backend: string;
  steps: number;
  params: Record<string, unknown>;
  notices: ParamNotice[];
  metrics: Metrics;
  summary: Record<string, number | string>;
  /** What the widget computes on the page from the final snapshot (see scripts/lab/widgets.ts). */
  readout?: Record<string, number | string>;
  seconds: number;
  stepsPerSecond: number;
}

/** Assets live under public/ in the repo, exactly where the site serves them from. */
export function nodeAssetLoader(root: string): (p: string) => Promise<ArrayBuffer> {
  return async (p) => {
    const buf = await readFile(path.join(root, 'public', p.replace(/^\/+/, '')));
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  };
}

export async function runDemo(
  demo: DemoDefinition,
  opts: {
    seed: number;
    steps: number | null;
    rawParams: Record<string, string>;
    backend: string;
    root: string;
    onProgress?: (step: number, metrics: Metrics) => void;
    every?: number;
    /** false skips the demo's summarize (slow held-out bounds) where only the readout is wanted. */
    summarize?: boolean;
    /** Reads the final state before the session is disposed (a widget's own numbers). */
    inspect?: (session: TrainingSession) => Promise<Record<string, number | string>>;
  },
): Promise<LabResult> {
  const { values, notices } = parseParams(demo.params, opts.rawParams);
  const session = await demo.create({ params: values, seed: opts.seed, loadAsset: nodeAssetLoader(opts.root) });
  const budget = opts.steps ?? demo.defaultSteps;
  const t0 = performance.now();
  let metrics: Metrics = {};
  let step = 0;
  try {
    while (step < budget) {
      metrics = await session.step();
      step++;
      if (!allFinite(metrics)) {
        const bad = Object.entries(metrics).find(([, v]) => !Number.isFinite(v));
        throw new Error(`Diverged at step ${step}: ${bad?.[0]} = ${bad?.[1]}. Try a smaller learning rate.`);
      }
      if (opts.onProgress && opts.every && step % opts.every === 0) opts.onProgress(step, metrics);
      if (session.isDone?.()) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const summary = demo.summarize && opts.summarize !== false ? await demo.summarize(session) : {};
    const readout = opts.inspect ? await opts.inspect(session) : undefined;
    return {
      demo: demo.id,
      seed: opts.seed,
      backend: opts.backend,
      steps: step,
      params: values,
      notices,
      metrics,
      summary,
      ...(readout ? { readout } : {}),
      seconds,
      stepsPerSecond: step / Math.max(seconds, 1e-9),
    };
  } finally {
    session.dispose();
  }
}

/** A readable two-column table for the terminal. */
export function formatTable(rows: Array<[string, unknown]>): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${formatValue(v)}`).join('\n');
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(6);
  return String(v);
}
