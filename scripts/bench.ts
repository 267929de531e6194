/**
 * `npm run bench [-- name ...]`: speed and size of the book, printed as a readable table and as JSON
 * (also written to .tmp/bench.json). Each entry measures its ratios within one run, because this
 * machine is shared and noisy: compare numbers from the same report, not across reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROME_ARGS, findChrome } from '../tests/browser/support/chrome';
import { startStaticServer } from '../tests/browser/support/staticServer';
import { benchEntries } from './bench/entries';
import type { BenchContext, BenchResult } from './bench/types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const only = entryNames(process.argv.slice(2));
  const entries = benchEntries.filter((e) => (only.length === 0 ? !e.optIn : only.includes(e.name)));
  const outDir = path.join(root, '.tmp/bench-dist');
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  const { server, url } = await startStaticServer(outDir);
  const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  const pages: Page[] = [];
  const ctx: BenchContext = {
    root,
    siteDir: outDir,
    baseURL: url,
    backends: ['wasm', 'webgl', 'cpu'],
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      pages.push(page);
      return page;
    },
  };
  const report: Record<string, BenchResult> = {};
  try {
    for (const entry of entries) {
      process.stderr.write(`bench ${entry.name} …\n`);
      try {
        report[entry.name] = await entry.run(ctx);
      } catch (err) {
        report[entry.name] = { error: err instanceof Error ? err.message : String(err) };
      }
      for (const p of pages.splice(0)) await p.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  printTable(report);
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  writeFileSync(path.join(root, '.tmp/bench.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify({ machine: machineLine(), results: report }, null, 2));
}

/** Entry names among the arguments: flags and the values of flags that take one are not names. */
function entryNames(args: string[]): string[] {
  const withValue = new Set(['--minutes']);
  return args.filter((a, i) => !a.startsWith('--') && !withValue.has(args[i - 1]));
}

function printTable(report: Record<string, BenchResult>): void {
  const rows: string[][] = [['entry', 'measure', 'value']];
  for (const [name, result] of Object.entries(report)) {
    for (const [k, v] of Object.entries(result)) rows.push([name, k, typeof v === 'number' ? fmt(v) : v]);
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => c.padEnd(w[j])).join('  '));
    if (i === 0) console.log(w.map((n) => '-'.repeat(n)).join('  '));
  }
  console.log('');
}

function fmt(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

function machineLine(): string {
  return `${process.platform} ${process.arch}, node ${process.version}`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
