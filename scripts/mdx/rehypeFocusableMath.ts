/**
 * A display formula wider than the page scrolls sideways (prose.css), and a region that scrolls
 * must be reachable by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable). Numbered
 * equations already sit in a focusable box (src/shell/mdx/Equation.tsx); this plugin, run after
 * rehype-katex, makes every other display formula a focusable group of its own. Which formulas
 * overflow depends on the reader's screen, so all of them are focusable, not only the wide ones.
 */
import type { Element, Root, RootContent } from 'hast';
import { hasClass } from './hast.ts';

type Node = Root | RootContent | { type: string; name?: string; children?: unknown[] };

function isDisplayMath(node: Node): node is Element {
  return node.type === 'element' && hasClass(node as Element, 'katex-display');
}

/** MDX's JSX elements (`<Equation>`) are `mdxJsxFlowElement` nodes with a `name`. */
function isEquation(node: Node): boolean {
  return node.type === 'mdxJsxFlowElement' && 'name' in node && node.name === 'Equation';
}

function mark(node: Node): void {
  if (isEquation(node)) return;
  if (isDisplayMath(node)) {
    node.properties = { ...node.properties, tabIndex: 0, role: 'group', ariaLabel: 'Formula' };
    return;
  }
  for (const child of ('children' in node ? (node.children ?? []) : []) as Node[]) mark(child);
}

export default function rehypeFocusableMath() {
  return (tree: Root) => mark(tree);
}
