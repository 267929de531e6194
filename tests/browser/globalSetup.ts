/**
 * Browser-test setup: find Chromium (fail loudly with install instructions, never skip), build
 * the site once into .tmp/browser-dist, and serve it like a static host.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { findChrome } from './support/chrome';
import { startStaticServer } from './support/staticServer';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    chromePath: string;
    /** The built site the server serves (for tests that read the build itself). */
    distDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromePath = findChrome();
  const root = path.resolve(import.meta.dirname, '../..');
  const outDir = path.join(root, '.tmp/browser-dist');
  if (!process.env.BOOK_SKIP_BUILD) {
    await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  }
  const { server, url } = await startStaticServer(outDir);
  project.provide('baseURL', url);
  project.provide('chromePath', chromePath);
  project.provide('distDir', outDir);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
