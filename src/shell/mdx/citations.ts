/**
 * Author–year citations from chapters/references.json. Authors are written
 * "Surname, Given Names" (preferred) or "Given Names Surname".
 */

export interface Reference {
  authors: string[];
  year: number | string;
  title: string;
  venue: string;
  url?: string;
}

export type Bibliography = Record<string, Reference>;

export function surname(author: string): string {
  const comma = author.indexOf(',');
  if (comma >= 0) return author.slice(0, comma).trim();
  const words = author.trim().split(/\s+/);
  return words[words.length - 1];
}

/** "Dempster et al., 1977", "Kingma and Welling, 2014", "Bishop, 2006". */
export function citationLabel(reference: Reference): string {
  const names = reference.authors.map(surname);
  const who =
    names.length === 0 ? 'Anonymous' : names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names[0]} et al.`;
  return `${who}, ${reference.year}`;
}

/** "Dempster, A. P., Laird, N. M. and Rubin, D. B." for the bibliography. */
export function authorList(authors: string[]): string {
  if (authors.length <= 1) return authors.join('');
  return `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

export function parseKeys(keys: string | undefined): string[] {
  return (keys ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}
