/**
 * Offline support and installability (README "Offline"), with vite-plugin-pwa:
 * - the service worker is src/sw/serviceWorker.ts, built with Workbox modules, into which the
 *   plugin injects the precache list (injectManifest) made from the files of the build;
 * - prompt mode: nothing registers itself inline (the bundle registers, see
 *   src/shell/offline/register.ts), and a new version waits for the reader's reload;
 * - a web app manifest with PNG icons drawn at build time (scripts/site/icons.ts).
 *
 * What is precached: every page (dist/<slug>/index.html, the notation page included, and
 * 404.html), all JS and CSS chunks (every chapter, widget, worker and tfjs backend), KaTeX's
 * woff2 fonts (its CSS lists woff2 first, and every browser with service workers reads it, so
 * the woff and ttf copies are never fetched), the MNIST and corpus data, the weights, tfjs's
 * three wasm binaries and the icons. Not precached: source maps, dist/_headers, and the digit
 * classifier's weights (weights/metrics/): only the command line and scripts/yardstickNumbers.ts
 * load them; the pages quote the yardstick's numbers from yardstickNumbers.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin, PluginOption } from 'vite';
import { policyForHtml } from './csp.ts';
import { bookIcons, manifestIcons } from './icons.ts';

/** The largest precached file: the 28×28 digit diffusion weights are 8.7 MB (8.3 MiB), the VAE weights ~2.6 MB. */
export const PRECACHE_FILE_LIMIT_BYTES = 12 * 1024 * 1024;

export const PRECACHE_PATTERNS = ['**/*.{html,js,css,woff2,wasm,bin,safetensors,json,svg,png}'];
export const PRECACHE_IGNORES = ['**/*.map', '_headers', '.vite/**', 'weights/metrics/**'];

const POLICY_ID = 'virtual:book-csp';

/**
 * In the service worker's own build: `virtual:book-csp`, the policy of the built pages (hashed from
 * dist/index.html, which is written by then), so the worker serves it as a header (src/sw).
 */
export function serviceWorkerPolicy(): Plugin {
  let outDir = 'dist';
  return {
    name: 'book-service-worker-policy',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    resolveId(id) {
      return id === POLICY_ID ? `\0${POLICY_ID}` : undefined;
    },
    load(id) {
      if (id !== `\0${POLICY_ID}`) return undefined;
      return `export default ${JSON.stringify(policyForHtml(fs.readFileSync(path.join(outDir, 'index.html'), 'utf8')))};`;
    },
  };
}

export function bookPwa(): PluginOption[] {
  return [
    bookIcons(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'serviceWorker.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'From EM to Diffusion',
        short_name: 'EM to Diffusion',
        description: 'An interactive textbook on variational inference as approximate maximum likelihood.',
        lang: 'en',
        display: 'standalone',
        theme_color: '#0b5cab',
        background_color: '#fcfbf8',
        icons: manifestIcons(),
      },
      injectManifest: {
        globPatterns: PRECACHE_PATTERNS,
        globIgnores: PRECACHE_IGNORES,
        maximumFileSizeToCacheInBytes: PRECACHE_FILE_LIMIT_BYTES,
        buildPlugins: { vite: [serviceWorkerPolicy()] },
      },
    }),
  ];
}
