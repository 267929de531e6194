/**
 * A search result's snippet: a window of the section's text around the first matched term, cut
 * at word boundaries, with every matched term marked. Pure, so it is tested without a DOM.
 */
import { processTerm } from './indexConfig';

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * @param text the section's plain text
 * @param terms the index terms that matched (MiniSearch's `result.terms`, already processed)
 * @param width about how many characters to show
 */
export function snippet(text: string, terms: readonly string[], width = 180): SnippetPart[] {
  // Match on a folded copy (lower case, accents dropped) with one UTF-16 unit per character of
  // the original, so a match's indices are indices into `chars`.
  const chars = [...text];
  const folded = chars
    .map((ch) => {
      const f = processTerm(ch)[0] ?? ' ';
      return f >= '\uD800' && f <= '\uDFFF' ? ' ' : f;
    })
    .join('');
  const words = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const pattern = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})`, 'gu') : null;
  const hits = pattern ? [...folded.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
  const first = hits[0]?.start ?? 0;
  let start = Math.max(0, first - Math.round(width / 3));
  let end = Math.min(chars.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  // Whole words only.
  if (start > 0) while (start < first && !/\s/.test(chars[start - 1])) start++;
  if (end < chars.length) while (end > first && !/\s/.test(chars[end])) end--;
  const parts: SnippetPart[] = [];
  const push = (from: number, to: number, mark: boolean) => {
    if (to > from) parts.push({ text: chars.slice(from, to).join(''), mark });
  };
  let at = start;
  for (const hit of hits) {
    if (hit.end <= start || hit.start >= end) continue;
    push(at, Math.max(at, hit.start), false);
    push(Math.max(at, hit.start), Math.min(end, hit.end), true);
    at = Math.min(end, hit.end);
  }
  push(at, end, false);
  if (start > 0) parts.unshift({ text: '… ', mark: false });
  if (end < chars.length) parts.push({ text: ' …', mark: false });
  return parts;
}
