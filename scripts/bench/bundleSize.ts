/**
 * Initial JS + CSS of the shell plus chapter 1, gzip bytes: the entry chunk and chapter 1's
 * chunk with everything they import statically (dynamic imports — widgets, tfjs — excluded,
 * since they load later). Read from Vite's build manifest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchContext, BenchEntry } from './types';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export function staticClosure(manifest: Record<string, ManifestChunk>, roots: string[]): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`chunk ${key} missing from the build manifest`);
    js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  roots.forEach(visit);
  return { js, css };
}

export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Initial JS and CSS of a built site (with `build.manifest`), gzip bytes, and the files counted. */
export function initialBundle(dist: string, root: string): { jsBytes: number; cssBytes: number; files: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const chapters = JSON.parse(readFileSync(path.join(root, 'chapters/manifest.json'), 'utf8')) as Array<{ file: string }>;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith('index.html'));
  if (!entry) throw new Error('no index.html entry in the build manifest');
  const first = chapters[0] ? Object.keys(manifest).find((k) => k.endsWith(`chapters/${chapters[0].file}`)) : undefined;
  const { js, css } = staticClosure(manifest, first ? [entry, first] : [entry]);
  return {
    jsBytes: [...js].reduce((s, f) => s + gzipBytes(path.join(dist, f)), 0),
    cssBytes: [...css].reduce((s, f) => s + gzipBytes(path.join(dist, f)), 0),
    files: [...js, ...css],
  };
}

/** The budget for initial JS + CSS, gzip (README; tests/browser/bundle.test.ts checks the production build). */
export const INITIAL_BUDGET_KB = 150;

export const bundleSize: BenchEntry = {
  name: 'bundle',
  async run(ctx: BenchContext) {
    const { jsBytes, cssBytes } = initialBundle(path.join(ctx.root, '.tmp/bench-dist'), ctx.root);
    return {
      initial_js_gzip_bytes: jsBytes,
      initial_css_gzip_bytes: cssBytes,
      initial_total_gzip_kb: (jsBytes + cssBytes) / 1024,
      initial_target_kb: INITIAL_BUDGET_KB,
      initial_within_target: jsBytes + cssBytes <= INITIAL_BUDGET_KB * 1024 ? 'yes' : 'no',
    };
  },
};
