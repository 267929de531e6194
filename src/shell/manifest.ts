/**
 * The book's table of contents, read from chapters/manifest.json (order and titles live in
 * data, not code), and its unnumbered pages (the notation page), read from chapters/pages.json.
 * A page is rendered like a chapter but has no number, no previous/next neighbours, and sits
 * after the chapters in the sidebar. `validateManifest` and `validatePages` are what the tests
 * run against the real files.
 */
import manifestJson from '../../chapters/manifest.json';
import pagesJson from '../../chapters/pages.json';

export interface ChapterEntry {
  /** URL segment: `${BASE}<slug>/`. Lower-case kebab case. */
  slug: string;
  /** The MDX file in chapters/, e.g. "02-expectation-maximization.mdx". */
  file: string;
  /** Printed chapter number; prefixes equation and figure numbers ("2.3"). */
  number: number;
  title: string;
  /** One or two sentences for the table of contents. */
  blurb: string;
}

/** Problems with a manifest, one message each; empty when it is well formed. */
export function validateManifest(raw: unknown): string[] {
  if (!Array.isArray(raw)) return ['manifest.json must be an array of chapters'];
  const errors: string[] = [];
  const slugs = new Set<string>();
  const numbers = new Set<number>();
  raw.forEach((entry: Partial<ChapterEntry>, i) => {
    const where = `entry ${i} (${entry?.slug ?? 'no slug'})`;
    if (typeof entry !== 'object' || entry === null) return errors.push(`${where}: not an object`);
    if (typeof entry.slug !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.slug)) {
      errors.push(`${where}: slug must be kebab-case`);
    } else if (slugs.has(entry.slug)) errors.push(`${where}: duplicate slug`);
    else slugs.add(entry.slug);
    if (typeof entry.file !== 'string' || !/^(chapters\/)?\d{2}-[a-z0-9-]+\.mdx$/.test(entry.file)) {
      errors.push(`${where}: file must look like "NN-kebab-title.mdx"`);
    }
    if (!Number.isInteger(entry.number) || (entry.number as number) < 0) errors.push(`${where}: number must be an integer ≥ 0`);
    else if (numbers.has(entry.number as number)) errors.push(`${where}: duplicate number`);
    else numbers.add(entry.number as number);
    if (typeof entry.title !== 'string' || entry.title.trim() === '') errors.push(`${where}: title is required`);
    if (typeof entry.blurb !== 'string' || entry.blurb.trim() === '') errors.push(`${where}: blurb is required`);
  });
  return errors;
}

/** The chapter file's name inside chapters/ ("chapters/01-x.mdx" and "01-x.mdx" both work). */
export function chapterFileName(entry: Pick<ChapterEntry, 'file'>): string {
  return entry.file.replace(/^chapters\//, '');
}

export const chapters: readonly ChapterEntry[] = [...(manifestJson as ChapterEntry[])].sort((a, b) => a.number - b.number);

export function findChapter(slug: string): ChapterEntry | undefined {
  return chapters.find((c) => c.slug === slug);
}

export function neighbours(slug: string): { previous?: ChapterEntry; next?: ChapterEntry } {
  const i = chapters.findIndex((c) => c.slug === slug);
  if (i < 0) return {};
  return { previous: chapters[i - 1], next: chapters[i + 1] };
}

/** An unnumbered page of the book (chapters/pages.json), at `${BASE}<slug>/` like a chapter. */
export interface BookPage {
  slug: string;
  /** The MDX file in chapters/, without a number: "notation.mdx". */
  file: string;
  title: string;
  blurb: string;
}

/** Problems with chapters/pages.json, one message each; slugs must not collide with chapters'. */
export function validatePages(raw: unknown, chapterSlugs: readonly string[]): string[] {
  if (!Array.isArray(raw)) return ['pages.json must be an array of pages'];
  const errors: string[] = [];
  const slugs = new Set<string>([...chapterSlugs, PRINT_SLUG]);
  raw.forEach((entry: Partial<BookPage>, i) => {
    const where = `page ${i} (${entry?.slug ?? 'no slug'})`;
    if (typeof entry !== 'object' || entry === null) return errors.push(`${where}: not an object`);
    if (typeof entry.slug !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.slug)) {
      errors.push(`${where}: slug must be kebab-case`);
    } else if (slugs.has(entry.slug)) errors.push(`${where}: slug already used by a chapter or page`);
    else slugs.add(entry.slug);
    if (typeof entry.file !== 'string' || !/^(chapters\/)?[a-z][a-z0-9-]*\.mdx$/.test(entry.file)) {
      errors.push(`${where}: file must look like "kebab-title.mdx" (no number: it is not a chapter)`);
    }
    if (typeof entry.title !== 'string' || entry.title.trim() === '') errors.push(`${where}: title is required`);
    if (typeof entry.blurb !== 'string' || entry.blurb.trim() === '') errors.push(`${where}: blurb is required`);
  });
  return errors;
}

export const bookPages: readonly BookPage[] = pagesJson as BookPage[];

export function findPage(slug: string): BookPage | undefined {
  return bookPages.find((p) => p.slug === slug);
}

/** The whole book on one page, for printing, at `${BASE}print/` (scripts/mdx/staticPages.ts emits it). */
export const PRINT_SLUG = 'print';

/** The notation page's slug; every chapter's header links to it. */
export const NOTATION_SLUG = 'notation';
