/**
 * The search index's shape, shared by the build (scripts/search/buildIndex.ts writes it) and the
 * page (SearchDialog loads it): MiniSearch needs the same fields and term processing on both
 * sides. Pure: no DOM, no React.
 */
import type { Options, SearchOptions } from 'minisearch';

/** One searchable section of a page: the text under one h2 or h3 (or before the first heading). */
export interface SearchSection {
  /** `<slug>#<anchor>`, unique in the book */
  id: string;
  slug: string;
  /** the heading's id, '' for the text before the first heading (links to the page's top) */
  anchor: string;
  /** the heading as plain text (math as Unicode), or the page title for the opening section */
  heading: string;
  /** "Chapter 3 · The ELBO and variational EM", or "Notation" */
  page: string;
  /** titles of definitions, theorems and exercises in the section, and its callouts' questions */
  terms: string;
  /** the section's prose as plain text (display equations left out, inline math as Unicode) */
  text: string;
}

/** Lower case, accents dropped (so "Kullback–Leibler", "kullback" and "Kúllback" meet). */
export function processTerm(term: string): string {
  return term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export const INDEX_OPTIONS: Options<SearchSection> = {
  fields: ['heading', 'terms', 'page', 'text'],
  storeFields: ['slug', 'anchor', 'heading', 'page', 'text'],
  processTerm,
};

export const SEARCH_OPTIONS: SearchOptions = {
  boost: { heading: 4, terms: 2, page: 1.5 },
  prefix: true,
  fuzzy: (term) => (term.length > 4 ? 0.2 : false),
  combineWith: 'AND',
};
