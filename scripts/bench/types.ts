import type { Page } from 'playwright-core';

/** What every benchmark entry receives: the repo root, and a page on the built site when it runs in the browser. */
export interface BenchContext {
  root: string;
  /** Where the site was built (served at baseURL); bench-only pages are built into subfolders. */
  siteDir: string;
  /** The built site's origin, served like a static host with COOP/COEP. */
  baseURL: string;
  /** Opens a fresh page in headless Chromium (closed by the runner). */
  newPage(): Promise<Page>;
  /** Which browser backend to force, when the entry measures per backend. */
  backends: readonly string[];
}

/** Named results; numbers are reported as measured, with units in the name (ms, per_s, bytes). */
export type BenchResult = Record<string, number | string>;

export interface BenchEntry {
  name: string;
  /** Runs only when named (`npm run bench -- soak`), never in a plain `npm run bench`. */
  optIn?: boolean;
  run(ctx: BenchContext): Promise<BenchResult>;
}
