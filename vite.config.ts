import { defineConfig } from 'vite';
import { bookMdxPlugins } from './scripts/mdx/plugin.ts';
import { staticPages } from './scripts/mdx/staticPages.ts';
import { prerenderPages } from './scripts/site/prerender.ts';
import { contentSecurityPolicy } from './scripts/site/cspPlugin.ts';
import { wasmThreads } from './scripts/site/wasmThreads.ts';
import { bookPwa } from './scripts/site/pwa.ts';
import { searchIndex } from './scripts/search/searchIndexPlugin.ts';

/**
 * Cross-origin isolation lets the tfjs wasm backend use threads (SharedArrayBuffer).
 * Static hosts must send the same two headers; see README "Hosting".
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// BASE_PATH lets the static build live under a sub-path, e.g. BASE_PATH=/book/ npm run build.
export default defineConfig({
  base: process.env.BASE_PATH ?? '/',
  plugins: [
    // MDX (remark-math, heading ids, numbering, rehype-katex at build time) and React.
    ...bookMdxPlugins(),
    // tfjs's threaded wasm glue as its own unminified asset, so threads work in the minified build.
    wasmThreads(),
    // dist/<slug>/index.html for every chapter and dist/404.html, so deep links work on static hosts.
    staticPages(),
    // Each page's prose, headings and typeset math rendered into its HTML (React on the server).
    prerenderPages(),
    // A strict Content-Security-Policy in every page, dist/_headers and npm run preview (README "Hosting").
    contentSecurityPolicy({ isolationHeaders }),
    // `virtual:search-index`: the full-text index of every chapter, built from the MDX (README "Search").
    searchIndex(),
    // Offline: a Workbox service worker precaches the whole book; web app manifest and icons (README "Offline").
    bookPwa(),
  ],
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000 },
});
