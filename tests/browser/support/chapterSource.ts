/**
 * Facts about a chapter read from its MDX source, independently of the renderer: the opening words
 * of its first prose paragraph and how many widgets it embeds. The prerender and print tests look
 * for them in the built HTML and the printed PDF.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

function source(file: string): string {
  return readFileSync(path.resolve(import.meta.dirname, '../../../chapters', file.replace(/^chapters\//, '')), 'utf8');
}

/**
 * The first words of the first paragraph of prose (outside components and comments), up to the
 * first markup (math, emphasis, a tag, a link): text that must appear verbatim on the page.
 */
export function firstProseWords(file: string, maxWords = 10): string {
  const text = source(file)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/<Prerequisites>[\s\S]*?<\/Prerequisites>/g, '');
  const paragraph = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => /^[A-Z]/.test(p));
  if (!paragraph) throw new Error(`${file}: no paragraph of prose`);
  const plain = paragraph.split(/[$*<[`_\\]/)[0].replace(/\s+/g, ' ').trim();
  return plain.split(' ').slice(0, maxWords).join(' ');
}

/** How many <Widget …/> the chapter embeds. */
export function widgetCount(file: string): number {
  return (source(file).match(/<Widget\b/g) ?? []).length;
}

/** How many display equations ($$…$$ blocks, numbered or not) the chapter has. */
export function displayMathCount(file: string): number {
  return Math.floor((source(file).match(/\$\$/g) ?? []).length / 2);
}
