/**
 * The book's search index, built at build time from the published MDX (every chapter in
 * chapters/manifest.json and every page in chapters/pages.json) with MiniSearch, and shipped as
 * MiniSearch's JSON (a lazily loaded chunk, see searchIndexPlugin.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, type SearchSection } from '../../src/shell/search/indexConfig.ts';
import { chaptersDir } from '../mdx/options.ts';
import { pageSections, type PageInfo } from './sections.ts';

interface ListedPage {
  slug: string;
  file: string;
  title: string;
  number?: number;
}

/** The published pages, chapters first, each with its MDX file's path. */
export function publishedPages(dir: string = chaptersDir): Array<PageInfo & { file: string }> {
  const read = (name: string): ListedPage[] => {
    const file = path.join(dir, name);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ListedPage[]) : [];
  };
  return [...read('manifest.json'), ...read('pages.json')].map((p) => ({
    slug: p.slug,
    title: p.title,
    label: p.number !== undefined ? `Chapter ${p.number} · ${p.title}` : p.title,
    file: path.join(dir, path.basename(p.file)),
  }));
}

export function bookSections(dir: string = chaptersDir): SearchSection[] {
  return publishedPages(dir).flatMap((p) => pageSections(fs.readFileSync(p.file, 'utf8'), p, p.file));
}

export function buildSearchIndex(sections: SearchSection[]): MiniSearch<SearchSection> {
  const index = new MiniSearch<SearchSection>(INDEX_OPTIONS);
  index.addAll(sections);
  return index;
}
