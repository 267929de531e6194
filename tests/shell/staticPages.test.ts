import { describe, expect, it } from 'vitest';
import { pageHtml, staticPageFiles, staticPages } from '../../scripts/mdx/staticPages';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const indexHtml = `<!doctype html><html><head>
<meta name="description" content="Book." />
<title>From EM to Diffusion</title>
<script type="module" src="/book/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>`;

const manifest = [
  { slug: 'maximum-likelihood', file: '01-maximum-likelihood.mdx', number: 1, title: 'Maximum likelihood', blurb: 'Fixed unknowns & "estimates".' },
  { slug: 'em-basics', file: '02-em-basics.mdx', number: 2, title: 'The EM algorithm', blurb: 'Bounds <and> steps.' },
];

describe('per-slug index.html emission', () => {
  it('emits one index.html per chapter plus 404.html, each the app shell with its own title', () => {
    const files = staticPageFiles(indexHtml, manifest);
    expect(files.map((f) => f.fileName)).toEqual(['maximum-likelihood/index.html', 'em-basics/index.html', 'print/index.html', '404.html']);
    expect(files[2].source).toContain('<title>From EM to Diffusion: the whole book</title>');
    expect(files[1].source).toContain('<title>2. The EM algorithm · From EM to Diffusion</title>');
    expect(files[1].source).toContain('content="Bounds &lt;and&gt; steps."');
    expect(files[0].source).toContain('content="Fixed unknowns &amp; &quot;estimates&quot;."');
    expect(files[3].source).toContain('<title>Page not found · From EM to Diffusion</title>');
    // Same absolute asset URLs (they carry the base), so the copies work one level down.
    for (const file of files) expect(file.source).toContain('src="/book/assets/index-abc.js"');
  });

  it('emits one index.html per unnumbered page too, titled without a number', () => {
    const files = staticPageFiles(indexHtml, manifest, [{ slug: 'notation', title: 'Notation', blurb: 'Symbols.' }]);
    expect(files.map((f) => f.fileName)).toEqual(['maximum-likelihood/index.html', 'em-basics/index.html', 'notation/index.html', 'print/index.html', '404.html']);
    expect(files[2].source).toContain('<title>Notation · From EM to Diffusion</title>');
    expect(files[2].source).toContain('content="Symbols."');
  });

  it('pageHtml leaves everything but the title and description untouched', () => {
    const html = pageHtml(indexHtml, { title: 'T' });
    expect(html.replace('<title>T</title>', '<title>From EM to Diffusion</title>')).toBe(indexHtml);
  });

  it('the Vite plugin emits those files from the bundle’s index.html', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pages-'));
    const manifestFile = path.join(dir, 'manifest.json');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const emitted: Array<{ fileName: string; source: string }> = [];
    const plugin = staticPages(manifestFile);
    const hook = plugin.generateBundle as { order: string; handler: (this: unknown, options: unknown, bundle: unknown) => void };
    expect(hook.order).toBe('post');
    hook.handler.call(
      { emitFile: (f: { fileName: string; source: string }) => emitted.push(f) },
      {},
      { 'index.html': { type: 'asset', fileName: 'index.html', source: indexHtml } },
    );
    expect(emitted.map((f) => f.fileName)).toEqual(['maximum-likelihood/index.html', 'em-basics/index.html', 'print/index.html', '404.html']);
  });
});
