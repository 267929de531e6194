/**
 * `import('virtual:search-index')` gives the book's search index (MiniSearch's JSON, built from
 * the chapters' MDX at build time by buildIndex.ts). The dialog imports it lazily, so the index
 * is a chunk of its own: not in the initial bundle, fetched when search first opens, and
 * precached with everything else for offline reading. The dev server rebuilds it when a chapter
 * changes.
 */
import type { Plugin } from 'vite';
import { chaptersDir } from '../mdx/options.ts';
import { bookSections, buildSearchIndex, publishedPages } from './buildIndex.ts';

const ID = 'virtual:search-index';
const RESOLVED = `\0${ID}`;

export function searchIndex(dir: string = chaptersDir): Plugin {
  return {
    name: 'book-search-index',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const page of publishedPages(dir)) this.addWatchFile(page.file);
      const json = JSON.stringify(buildSearchIndex(bookSections(dir)));
      // JSON.parse of a string literal is faster to load than the same object as a JS literal.
      return `export default JSON.parse(${JSON.stringify(json)});`;
    },
  };
}
