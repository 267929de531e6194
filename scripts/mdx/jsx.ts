/**
 * Small helpers over the MDX JSX nodes of the mdast tree (`<Equation id="…">` is an
 * `mdxJsxFlowElement`, an inline `<EqRef id="…" />` an `mdxJsxTextElement`).
 * Typed structurally so the plugins need no extra type packages.
 */
import type { Node, Parent } from 'unist';

export interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: string | { type: 'mdxJsxAttributeValueExpression'; value: string } | null;
}

export interface JsxElement extends Parent {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: Array<JsxAttribute | { type: 'mdxJsxExpressionAttribute'; value: string }>;
}

export function isJsxElement(node: Node): node is JsxElement {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}

/** The value of a string attribute (`id="elbo"` or `id={'elbo'}`), or undefined if absent or computed. */
export function stringAttribute(node: JsxElement, name: string): string | undefined {
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name !== name) continue;
    const { value } = attribute;
    if (typeof value === 'string') return value;
    if (value && value.type === 'mdxJsxAttributeValueExpression') {
      const literal = /^\s*(['"`])([^'"`]*)\1\s*$/.exec(value.value);
      if (literal) return literal[2];
    }
  }
  return undefined;
}

/** Sets (or replaces) a string attribute; the component receives it as a string prop. */
export function setStringAttribute(node: JsxElement, name: string, value: string): void {
  node.attributes = node.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === name));
  node.attributes.push({ type: 'mdxJsxAttribute', name, value });
}
