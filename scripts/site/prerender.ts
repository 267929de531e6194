/**
 * Prerendering: after the site build has written dist/, build src/shell/serverEntry.tsx for Node
 * (same MDX and React plugins, so the same chapter modules), render every page with React at its
 * path, and write the HTML into the page's <div id="root"> in dist/<slug>/index.html (and the
 * front page, and the whole-book print page). The browser then hydrates it (src/main.tsx).
 *
 * A page read without JavaScript has its full prose, headings and KaTeX-typeset equations, and a
 * still in each widget's place. The content adds no script, so the page's Content-Security-Policy
 * (scripts/site/csp.ts, hashed from the page's own inline scripts) is unchanged. 404.html stays
 * an empty shell: it answers any unknown path, so it cannot be rendered for one.
 *
 * On by default; BOOK_PRERENDER=0 skips it (the pages are then the empty shell that renders in the
 * browser: the first-paint bench builds both ways).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import { bookMdxPlugins } from '../mdx/plugin.ts';
import { searchIndex } from '../search/searchIndexPlugin.ts';
import { chaptersDir } from '../mdx/options.ts';

interface ServerEntry {
  renderPage(pathname: string): Promise<string>;
  stillProblems: string[];
}

export const ROOT_ELEMENT = '<div id="root"></div>';
const NOSCRIPT_SHELL = /\s*<noscript>This interactive book needs JavaScript[^<]*<\/noscript>/;

/**
 * The shell page with the rendered app inside its root (and without the "needs JavaScript" note).
 * The app's HTML must be complete and script-free: no inline script (the CSP would block it), no
 * Suspense boundary left pending (`<!--$?-->`) or left to the client (`<!--$!-->`).
 */
export function withPrerenderedRoot(html: string, appHtml: string): string {
  if (/<script\b/i.test(appHtml)) throw new Error('prerender: the rendered page contains a <script>');
  if (/<!--\$[?!]-->/.test(appHtml)) throw new Error('prerender: a Suspense boundary did not finish on the server');
  if (!html.includes(ROOT_ELEMENT)) throw new Error(`prerender: the page has no empty ${ROOT_ELEMENT}`);
  return html.replace(NOSCRIPT_SHELL, '').replace(ROOT_ELEMENT, () => `<div id="root" data-prerendered="">${appHtml}</div>`);
}

/** The same page as the build would write it without prerendering (the bench compares the two). */
export function withoutPrerenderedRoot(html: string): string {
  const start = html.indexOf('<div id="root" data-prerendered="">');
  if (start < 0) return html;
  const end = html.lastIndexOf('</div>', html.indexOf('</body>'));
  return `${html.slice(0, start)}${ROOT_ELEMENT}${html.slice(end + '</div>'.length)}`;
}

/** dist-relative HTML file and the pathname it is served at, for every prerendered page. */
export function prerenderedPages(base: string, slugs: string[]): Array<{ file: string; pathname: string }> {
  return [{ file: 'index.html', pathname: base }, ...slugs.map((slug) => ({ file: `${slug}/index.html`, pathname: `${base}${slug}/` }))];
}

export function pageSlugs(): string[] {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(chaptersDir, name), 'utf8')) as Array<{ slug: string }>;
  return [...read('manifest.json'), ...read('pages.json')].map((p) => p.slug).concat(['print']);
}

export function prerenderPages(): Plugin {
  let config: ResolvedConfig;
  let isSiteBuild = false;
  return {
    name: 'book-prerender',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle: {
      // After Vite's HTML plugin has put index.html in the bundle (a worker build has none).
      order: 'post',
      handler(_options, bundle) {
        if (bundle['index.html']) isSiteBuild = true;
      },
    },
    closeBundle: {
      // Before vite-plugin-pwa's closeBundle builds the service worker: its precache list hashes the
      // pages as they are on disk, which must be the prerendered pages (a new text, a new revision).
      order: 'pre',
      sequential: true,
      async handler() {
        if (!isSiteBuild || process.env.BOOK_PRERENDER === '0') return;
        const outDir = path.resolve(config.root, config.build.outDir);
        // Inside the project, so the bundle's bare imports (react, react-dom) resolve to its node_modules.
        const serverDir = path.join(config.root, '.tmp/prerender', String(process.pid));
        const started = Date.now();
        await build({
          configFile: false,
          root: config.root,
          base: config.base,
          mode: config.mode,
          logLevel: 'warn',
          // The app's own virtual modules too (the search dialog imports the index lazily).
          plugins: [...bookMdxPlugins(), searchIndex()],
          build: {
            ssr: path.join(config.root, 'src/shell/serverEntry.tsx'),
            outDir: serverDir,
            emptyOutDir: true,
            sourcemap: false,
            minify: false,
            target: 'node20',
          },
        });
        try {
          const entry = (await import(pathToFileURL(path.join(serverDir, 'serverEntry.js')).href)) as ServerEntry;
          for (const page of prerenderedPages(config.base, pageSlugs())) {
            const file = path.join(outDir, page.file);
            const html = fs.readFileSync(file, 'utf8');
            fs.writeFileSync(file, withPrerenderedRoot(html, await entry.renderPage(page.pathname)));
          }
          for (const problem of entry.stillProblems) config.logger.warn(`prerender: widget still without its caption: ${problem}`);
        } finally {
          fs.rmSync(serverDir, { recursive: true, force: true });
        }
        config.logger.info(`prerendered ${pageSlugs().length + 1} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
