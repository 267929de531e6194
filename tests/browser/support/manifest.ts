import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ChapterEntry {
  slug: string;
  file: string;
  number: number;
  title: string;
  blurb: string;
}

/** The book's chapters, read from the same manifest the site is built from. */
export function chapters(): ChapterEntry[] {
  const file = path.resolve(import.meta.dirname, '../../../chapters/manifest.json');
  return JSON.parse(readFileSync(file, 'utf8')) as ChapterEntry[];
}

export interface BookPage {
  slug: string;
  file: string;
  title: string;
  blurb: string;
}

/** The book's unnumbered pages (the notation page), from chapters/pages.json. */
export function bookPages(): BookPage[] {
  const file = path.resolve(import.meta.dirname, '../../../chapters/pages.json');
  return JSON.parse(readFileSync(file, 'utf8')) as BookPage[];
}
