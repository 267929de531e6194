/**
 * Puts the book's Content-Security-Policy (scripts/site/csp.ts) where a reader's browser meets it:
 * - every built page carries it as a <meta> (works on any static host, GitHub Pages included);
 * - `dist/_headers` repeats it, with the isolation headers, for hosts that read that file
 *   (Netlify, Cloudflare Pages): a header also covers the worker scripts, which a <meta> cannot;
 * - `npm run preview` sends it as a header on every response.
 * The dev server sends none: Vite's dev client and React Refresh run inline scripts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { policyForHtml, withPolicyMeta } from './csp.ts';

/** A `_headers` file: the given headers for every path. */
export function headersFile(headers: Record<string, string>): string {
  return ['/*', ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}

export function contentSecurityPolicy({ isolationHeaders }: { isolationHeaders: Record<string, string> }): Plugin {
  let outDir = 'dist';
  return {
    name: 'book-content-security-policy',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      // After Vite has written its own tags, so every inline script that ships is hashed.
      order: 'post',
      handler(html, ctx) {
        return ctx.server ? html : withPolicyMeta(html);
      },
    },
    generateBundle: {
      // After Vite's HTML plugin has put the final index.html in the bundle.
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html'];
        if (!index || index.type !== 'asset') return; // e.g. a worker build
        const policy = policyForHtml(String(index.source));
        this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile({ ...isolationHeaders, 'Content-Security-Policy': policy }) });
      },
    },
    configurePreviewServer(server) {
      const index = path.join(outDir, 'index.html');
      if (!fs.existsSync(index)) return;
      const policy = policyForHtml(fs.readFileSync(index, 'utf8'));
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', policy);
        next();
      });
    },
  };
}
