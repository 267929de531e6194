/**
 * The initial download (the shell's JS and CSS plus chapter 1's chunk, gzip) stays within the
 * budget in the build readers get: a production build. Vitest runs with NODE_ENV=test, under which
 * Vite bundles React's development build (tens of KB larger), so this test builds its own site with
 * NODE_ENV=production (no prerender: it changes no asset) and measures it the way
 * `npm run bench -- bundle` does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { INITIAL_BUDGET_KB, initialBundle } from '../../scripts/bench/bundleSize';

const root = path.resolve(import.meta.dirname, '../..');

async function productionBuild(outDir: string): Promise<void> {
  const saved = { NODE_ENV: process.env.NODE_ENV, BOOK_PRERENDER: process.env.BOOK_PRERENDER };
  process.env.NODE_ENV = 'production';
  process.env.BOOK_PRERENDER = '0';
  try {
    await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('bundle size', () => {
  it(`initial JS + CSS of the production build is at most ${INITIAL_BUDGET_KB} KB gzip`, async () => {
    const outDir = path.join(root, '.tmp/bundle-dist');
    await productionBuild(outDir);
    const { jsBytes, cssBytes, files } = initialBundle(outDir, root);
    const js = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    // React's production build: its development build carries its warnings' text.
    expect(js).toContain('react.dev/errors/');
    expect(js).not.toContain('validateDOMNesting');
    const kb = (jsBytes + cssBytes) / 1024;
    console.log(`initial JS ${(jsBytes / 1024).toFixed(1)} KB + CSS ${(cssBytes / 1024).toFixed(1)} KB = ${kb.toFixed(1)} KB gzip`);
    expect(jsBytes).toBeGreaterThan(30 * 1024); // the shell and React are in it
    expect(kb).toBeLessThanOrEqual(INITIAL_BUDGET_KB);
  }, 600_000);
});
