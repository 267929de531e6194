/**
 * Static hosts serve files, not routes. After the build writes dist/index.html, this plugin
 * copies it to dist/<slug>/index.html for every chapter in the manifest and every page in
 * chapters/pages.json (with that chapter's
 * <title> and description) and to dist/404.html, so a deep link or a reload works on any static
 * host under any base path. Asset URLs in index.html are absolute (they include the base), so
 * the copies work one directory down unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { chaptersDir } from './options.ts';

interface PageEntry {
  slug: string;
  number: number;
  title: string;
  blurb: string;
}

const BOOK_TITLE = 'From EM to Diffusion';
/** Must match PRINT_SLUG in src/shell/manifest.ts. */
export const PRINT_SLUG = 'print';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** index.html with its <title> and meta description replaced. */
export function pageHtml(indexHtml: string, page: { title: string; description?: string }): string {
  let html = indexHtml.replace(/<title>[\s\S]*?<\/title>/, `<title>${escapeHtml(page.title)}</title>`);
  if (page.description !== undefined) {
    html = html.replace(
      /<meta name="description" content="[^"]*"\s*\/?>/,
      `<meta name="description" content="${escapeHtml(page.description)}" />`,
    );
  }
  return html;
}

/** The extra HTML files a build must contain: one per chapter, one per unnumbered page, the print page, 404.html. */
export function staticPageFiles(
  indexHtml: string,
  manifest: PageEntry[],
  pages: Array<Omit<PageEntry, 'number'>> = [],
): Array<{ fileName: string; source: string }> {
  const files = manifest.map((chapter) => ({
    fileName: `${chapter.slug}/index.html`,
    source: pageHtml(indexHtml, { title: `${chapter.number}. ${chapter.title} · ${BOOK_TITLE}`, description: chapter.blurb }),
  }));
  for (const page of pages) {
    files.push({
      fileName: `${page.slug}/index.html`,
      source: pageHtml(indexHtml, { title: `${page.title} · ${BOOK_TITLE}`, description: page.blurb }),
    });
  }
  // The whole book on one page, for printing (src/shell/pages/PrintBookPage.tsx).
  files.push({
    fileName: `${PRINT_SLUG}/index.html`,
    source: pageHtml(indexHtml, { title: `${BOOK_TITLE}: the whole book`, description: 'Every chapter of the book on one page, for printing.' }),
  });
  files.push({ fileName: '404.html', source: pageHtml(indexHtml, { title: `Page not found · ${BOOK_TITLE}` }) });
  return files;
}

export function staticPages(manifestFile: string = path.join(chaptersDir, 'manifest.json')): Plugin {
  return {
    name: 'book-static-pages',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After Vite's HTML plugin has put the final index.html (with hashed asset URLs) in the bundle.
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html'];
        if (!index || index.type !== 'asset') return; // e.g. a worker build
        const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as PageEntry[];
        const pagesFile = path.join(path.dirname(manifestFile), 'pages.json');
        const pages = fs.existsSync(pagesFile) ? (JSON.parse(fs.readFileSync(pagesFile, 'utf8')) as PageEntry[]) : [];
        for (const file of staticPageFiles(String(index.source), manifest, pages)) {
          this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
        }
      },
    },
  };
}
