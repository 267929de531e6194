/**
 * rehype-katex 7 catches KaTeX errors (even with throwOnError) and renders the TeX source in red
 * instead. A textbook must not ship a broken formula, so this plugin, run right after it, turns
 * every such error into a build failure that names the formula and KaTeX's message.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { complain } from './drafts.ts';
import { hasClass } from './hast.ts';

export default function rehypeFailOnMathErrors() {
  return (tree: Root, file: VFile) => {
    const katexMessage = file.messages.find((m) => m.source === 'rehype-katex');
    visit(tree, 'element', (node: Element) => {
      if (!hasClass(node, 'katex-error')) return;
      const reason = String(node.properties?.title ?? katexMessage?.reason ?? 'KaTeX could not render this formula');
      complain(file, `Math error: ${reason}`, node.position ?? undefined);
    });
  };
}
