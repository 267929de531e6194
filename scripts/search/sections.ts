/**
 * Splits a chapter's MDX into search sections: the text under each h2 and h3 (and the text
 * before the first heading), as plain text. Parsed with the book's own remark pipeline
 * (remark-mdx, remark-math, remark-gfm and remarkHeadingIds), so a section's anchor is exactly
 * the id its heading gets on the page.
 *
 * What counts as text: prose, lists, tables, inline math (as Unicode, scripts/search/texToText.ts)
 * and the prose inside components (definitions, theorems, proofs, exercises and their solutions,
 * summaries, remarks, callouts), plus the titles and questions those components carry as
 * attributes. Left out: display equations, code, widgets, computed numbers (they exist only once
 * the page runs), citations and cross-references, comments.
 */
import type { Heading, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node, Parent } from 'unist';
import { VFile } from 'vfile';
import type { SearchSection } from '../../src/shell/search/indexConfig.ts';
import { isJsxElement, stringAttribute } from '../mdx/jsx.ts';
import remarkHeadingIds from '../mdx/remarkHeadingIds.ts';
import { texToText } from './texToText.ts';

/** Components whose children are not prose (or have no text before the page runs). */
const SKIPPED_COMPONENTS = new Set(['Widget', 'Computed', 'Cite', 'EqRef', 'Ref', 'References', 'Equation']);
/** Attributes that are prose: a definition's or exercise's title, a callout's question, a caption. */
const TEXT_ATTRIBUTES = ['title', 'question', 'caption'];
/** Attributes that name what a block is about: indexed again, with a boost, as the section's terms. */
const TERM_ATTRIBUTES = new Set(['title', 'question']);

interface Collected {
  text: string[];
  terms: string[];
}

function collect(node: Node, out: Collected): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      out.text.push((node as unknown as { value: string }).value);
      return;
    case 'inlineMath':
      out.text.push(texToText((node as unknown as { value: string }).value));
      return;
    case 'math':
    case 'code':
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
    case 'mdxjsEsm':
    case 'html':
      return;
    case 'break':
      out.text.push(' ');
      return;
  }
  if (isJsxElement(node)) {
    if (node.name && SKIPPED_COMPONENTS.has(node.name)) return;
    for (const name of TEXT_ATTRIBUTES) {
      const value = stringAttribute(node, name);
      if (!value) continue;
      out.text.push(` ${value}. `);
      if (TERM_ATTRIBUTES.has(name)) out.terms.push(value);
    }
  }
  const children = (node as Parent).children;
  if (!children) return;
  for (const child of children) collect(child, out);
  // Block boundaries are word boundaries.
  if (node.type === 'paragraph' || node.type === 'listItem' || node.type === 'tableCell' || isJsxElement(node)) out.text.push(' ');
}

function plain(parts: string[]): string {
  return parts
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?)])/g, '$1')
    .trim();
}

/** The heading's text as the page shows it (math as Unicode). */
export function headingText(heading: Heading): string {
  const out: Collected = { text: [], terms: [] };
  for (const child of heading.children) collect(child, out);
  return plain(out.text);
}

export interface PageInfo {
  slug: string;
  /** "Chapter 3 · …" or the page's title */
  label: string;
  title: string;
}

/** The MDX syntax tree after the book's heading-id plugin has given every heading its id. */
export function parseWithHeadingIds(source: string, path?: string): Root {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).use(remarkHeadingIds);
  const file = new VFile({ value: source, path });
  return processor.runSync(processor.parse(file), file) as Root;
}

export function headingId(heading: Heading): string {
  return String((heading.data as { hProperties?: { id?: string } } | undefined)?.hProperties?.id ?? '');
}

/** The page's sections in order; empty ones (a heading followed at once by a sub-heading) are kept, so every heading is findable. */
export function pageSections(source: string, page: PageInfo, path?: string): SearchSection[] {
  const tree = parseWithHeadingIds(source, path);
  const sections: SearchSection[] = [];
  let current: { anchor: string; heading: string; out: Collected } = { anchor: '', heading: page.title, out: { text: [], terms: [] } };
  const flush = () => {
    const text = plain(current.out.text);
    if (current.anchor === '' && text === '') return;
    sections.push({
      id: `${page.slug}#${current.anchor}`,
      slug: page.slug,
      anchor: current.anchor,
      heading: current.heading,
      page: page.label,
      terms: current.out.terms.join(' · '),
      text,
    });
  };
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading' && (node.depth === 2 || node.depth === 3)) {
      flush();
      current = { anchor: headingId(node), heading: headingText(node), out: { text: [], terms: [] } };
      continue;
    }
    collect(node, current.out);
    current.out.text.push(' ');
  }
  flush();
  return sections;
}
