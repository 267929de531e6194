/**
 * The bench-only page (scripts/bench/page): built next to the site build at /bench-page/ (never
 * into the site's own dist), so one static server with the site's COOP/COEP headers serves both,
 * and the worker reads the MNIST digits from the site's public/ copy.
 */
import path from 'node:path';
import { build } from 'vite';
import { wasmThreads } from '../site/wasmThreads';
import type { BenchJob, BenchReply } from './page/protocol';
import type { BenchContext } from './types';

const builds = new Map<string, Promise<void>>();

function buildOnce(ctx: BenchContext): Promise<void> {
  let done = builds.get(ctx.siteDir);
  if (!done) {
    done = build({
      configFile: false,
      root: path.join(ctx.root, 'scripts/bench/page'),
      base: '/bench-page/',
      publicDir: false,
      logLevel: 'warn',
      worker: { format: 'es', plugins: () => [wasmThreads()] },
      build: { outDir: path.join(ctx.siteDir, 'bench-page'), emptyOutDir: true, target: 'es2022' },
    }).then(() => undefined);
    builds.set(ctx.siteDir, done);
  }
  return done;
}

/** Runs one job in a fresh page's worker. A job that hangs past `timeoutMs` rejects. */
export async function runBenchJob(ctx: BenchContext, job: Omit<BenchJob, 'assetBase'>, timeoutMs = 180_000): Promise<BenchReply> {
  await buildOnce(ctx);
  const page = await ctx.newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.goto(`${ctx.baseURL}/bench-page/`);
  await page.waitForSelector('body[data-ready="true"]');
  const full: BenchJob = { ...job, assetBase: `${ctx.baseURL}/` };
  // Sent as source text (see emWidget.ts: tsx's __name helper does not exist in the page).
  const reply = page.evaluate(`window.runBench(${JSON.stringify(full)})`) as Promise<BenchReply>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench job timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([reply, timeout]);
  } finally {
    clearTimeout(timer);
    await page.close();
  }
}
