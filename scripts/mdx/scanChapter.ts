/**
 * Lists what a chapter uses: JSX component names, citation keys, widget kinds and computed
 * names, read from the MDX syntax tree (not with regular expressions, so code blocks and
 * comments do not count). The chapter tests check each against its registry.
 */
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { isJsxElement, stringAttribute } from './jsx';
import { citationKeys } from './remarkNumbering';

export interface ChapterUsage {
  components: Set<string>;
  citations: Set<string>;
  widgets: Array<{ kind: string | undefined; id: string | undefined }>;
  computed: Set<string>;
}

export function scanChapter(source: string): ChapterUsage {
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkMath).parse(source);
  const usage: ChapterUsage = { components: new Set(), citations: new Set(), widgets: [], computed: new Set() };
  visit(tree, (node) => {
    if (!isJsxElement(node) || !node.name) return;
    usage.components.add(node.name);
    const id = stringAttribute(node, 'id');
    if (node.name === 'Cite' && id) for (const key of citationKeys(id)) usage.citations.add(key);
    if (node.name === 'Widget') usage.widgets.push({ kind: stringAttribute(node, 'kind'), id });
    if (node.name === 'Computed') usage.computed.add(stringAttribute(node, 'name') ?? '');
  });
  return usage;
}
