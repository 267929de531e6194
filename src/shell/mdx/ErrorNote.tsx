/**
 * A visible, unmissable error inside the prose (unknown widget kind, unknown citation, a
 * computed value that threw). Authoring mistakes must show up on the page and in tests,
 * never as silently missing content.
 */
import type { ReactNode } from 'react';

export function ErrorNote({ children, inline = false }: { children: ReactNode; inline?: boolean }) {
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag className={inline ? 'mdx-error mdx-error-inline' : 'mdx-error'} role="alert" data-mdx-error="">
      {children}
    </Tag>
  );
}
