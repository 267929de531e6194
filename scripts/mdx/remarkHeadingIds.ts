/**
 * `## Title {/*stable-id*\/}` → `<h2 id="stable-id">Title</h2>`, react.dev style: the
 * comment expression is removed and becomes the heading's id, so links survive edits to the
 * title. Headings without one get a slug of their text, made unique within the chapter.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { complain } from './drafts.ts';

const STABLE_ID = /^\s*\/\*\s*([A-Za-z][\w-]*)\s*\*\/\s*$/;

/** GitHub-like slug: lower case, letters/digits/hyphens, spaces to hyphens. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{Letter}\p{Number}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
}

export default function remarkHeadingIds() {
  return (tree: Root, file: VFile) => {
    const used = new Set<string>();
    visit(tree, 'heading', (heading: Heading) => {
      let id: string | undefined;
      const last = heading.children[heading.children.length - 1] as { type: string; value?: string } | undefined;
      if (last && last.type === 'mdxTextExpression') {
        const match = STABLE_ID.exec(last.value ?? '');
        if (match) {
          id = match[1];
          heading.children.pop();
          const text = heading.children[heading.children.length - 1];
          if (text && text.type === 'text') text.value = text.value.trimEnd();
        }
      }
      if (id && used.has(id)) {
        complain(file, `Duplicate heading id "${id}"`, heading);
        id = undefined;
      }
      if (!id) {
        const base = slugify(toString(heading)) || 'section';
        id = base;
        for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
      }
      used.add(id);
      heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id } };
    });
  };
}
