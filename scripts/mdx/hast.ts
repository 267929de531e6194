/** Small helpers over hast (HTML) nodes shared by the rehype plugins. */
import type { Element } from 'hast';

/** Whether an element's class list contains `name` (hast stores it as an array or, rarely, a string). */
export function hasClass(node: Element, name: string): boolean {
  const className = node.properties?.className;
  return Array.isArray(className) ? className.includes(name) : className === name;
}
